/* eslint-disable */
function makeCounter(start) {
  let count = start;
  return {
    inc() { count += 1; return count; },
    dec() { count -= 1; return count; },
    get value() { return count; },
  };
}
const a = makeCounter(10);
const b = makeCounter(0);
a.inc(); a.inc(); b.dec();
console.log(a.value, b.value, a.dec());
