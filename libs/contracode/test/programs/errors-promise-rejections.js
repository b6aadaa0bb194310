/* eslint-disable */
async function load(source) {
  const parser = source.parser;
  return parser(source.text);
}
Promise.allSettled([load({ parser: JSON.parse, text: '[1]' }), load({ text: 'x' }), load(null)]).then((results) => {
  for (const r of results) console.log(r.status, r.status === 'fulfilled' ? JSON.stringify(r.value) : r.reason.message);
});
