/* eslint-disable */
const thenable = { then(resolve) { setTimeout(() => resolve('thenable value'), 1); } };
async function run() {
  const v = await thenable;
  const nested = await Promise.resolve(Promise.resolve(7));
  return [v, nested];
}
run().then(([a, b]) => console.log(a, b * 6));
