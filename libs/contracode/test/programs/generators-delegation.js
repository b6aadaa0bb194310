/* eslint-disable */
function* inner() { yield 'a'; yield 'b'; return 'inner-result'; }
function* outer() {
  const r = yield* inner();
  yield r;
  yield* [1, 2];
}
console.log([...outer()].join(','));
