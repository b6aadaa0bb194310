/* eslint-disable */
async function load() {
  await new Promise((r) => setTimeout(r, 2));
  console.log('about to fail');
  throw new Error('load failed');
}
load();
