/* eslint-disable */
let attempts = 0;
async function flaky() {
  attempts++;
  if (attempts < 3) throw new Error('attempt ' + attempts);
  return 'ok after ' + attempts;
}
async function retry(fn, times) {
  let lastError;
  for (let i = 0; i < times; i++) {
    try { return await fn(); } catch (e) { lastError = e; console.log('retrying after', e.message); }
  }
  throw lastError;
}
retry(flaky, 5).then(console.log);
