/* eslint-disable */
async function* ticker(n) {
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, 1));
    yield i * 2;
  }
}
(async () => {
  let sum = 0;
  for await (const v of ticker(5)) sum += v;
  const collected = [];
  for await (const v of [Promise.resolve('x'), 'y']) collected.push(v);
  console.log(sum, collected.join(''));
})();
