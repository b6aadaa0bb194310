/* eslint-disable */
function sideEffects() {
  const unusedLiteral = 5;
  const unusedCall = console.log('side effect kept');
  let neverRead = [1, 2, 3];
  const unusedFn = () => console.log('never called');
  function unusedDecl() { console.log('never called either'); }
  return 'done';
}
console.log(sideEffects());
