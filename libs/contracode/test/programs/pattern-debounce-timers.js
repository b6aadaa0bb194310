/* eslint-disable */
function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
const calls = [];
const save = debounce((v) => calls.push(v), 20);
save(1); save(2); save(3);
// Each check is scheduled in the same tick as the timer it must follow, so the order of expiry
// (not the machine's speed) decides what it sees.
setTimeout(() => {
  console.log('after first burst:', calls.join(','));
  save(4);
  save(5);
  setTimeout(() => console.log('after second burst:', calls.join(',')), 50);
}, 40);
