/* eslint-disable */
function* count(limit) {
  for (let i = 0; i < limit; i++) {
    const received = yield i;
    if (received) console.log('got', received);
  }
  return 'done';
}
const it = count(3);
console.log(JSON.stringify(it.next()), JSON.stringify(it.next('x')), JSON.stringify(it.next()), JSON.stringify(it.next()), JSON.stringify(it.next()));
