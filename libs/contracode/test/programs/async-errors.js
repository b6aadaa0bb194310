/* eslint-disable */
async function fails(n) {
  await null;
  if (n > 2) throw new TypeError('too big: ' + n);
  return n;
}
async function main() {
  const results = await Promise.allSettled([1, 2, 3, 4].map(fails));
  console.log(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason.message)).join(' | '));
  try { await fails(9); } catch (e) { console.log('caught', e.name); }
  const first = await Promise.race([fails(1), new Promise((r) => setTimeout(() => r('late'), 10))]);
  console.log('race', first);
}
main();
