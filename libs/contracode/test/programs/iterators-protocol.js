/* eslint-disable */
function countdown(n) {
  return {
    [Symbol.iterator]() {
      let current = n;
      return {
        next: () => (current > 0 ? { value: current--, done: false } : { value: 'liftoff', done: true }),
        return: () => { console.log('closed early'); return { done: true }; },
      };
    },
  };
}
console.log([...countdown(3)].join(' '));
for (const v of countdown(5)) { if (v < 4) break; console.log('tick', v); }
const [firstOnly] = countdown(9);
console.log(firstOnly);
