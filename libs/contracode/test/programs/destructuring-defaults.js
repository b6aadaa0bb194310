/* eslint-disable */
function config({ host = 'localhost', port = 8080, tls: { enabled = false, cert } = {} } = {}) {
  return `${host}:${port} tls=${enabled} cert=${cert}`;
}
console.log(config());
console.log(config({ port: 443, tls: { enabled: true, cert: 'x.pem' } }));
const [a = 1, , c = 3, ...rest] = [undefined, 'skip', null, 4, 5];
console.log(a, c, rest);
