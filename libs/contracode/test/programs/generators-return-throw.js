/* eslint-disable */
function* guarded() {
  try {
    yield 1;
    yield 2;
  } catch (e) {
    yield 'caught ' + e;
  } finally {
    console.log('cleanup');
  }
}
const g1 = guarded();
console.log(g1.next().value, g1.throw('boom').value, g1.next().done);
const g2 = guarded();
g2.next();
console.log(JSON.stringify(g2.return(42)));
