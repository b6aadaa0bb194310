/* eslint-disable */
function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
const calls = [];
const save = debounce((v) => calls.push(v), 20);
save(1); save(2); save(3);
setTimeout(() => save(4), 60);
setTimeout(() => console.log(calls.join(',')), 150);
