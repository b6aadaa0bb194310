/* eslint-disable */
const delay = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
async function main() {
  const a = await delay(5, 'a');
  const [b, c] = await Promise.all([delay(3, 'b'), delay(1, 'c')]);
  return a + b + c;
}
main().then((r) => console.log('result', r));
console.log('sync first');
