/* eslint-disable */
function tryRead() {
  try {
    return early;
  } catch (e) {
    return e.name;
  } finally {
    console.log('finally ran');
  }
}
console.log(tryRead());
let early = 'ready';
console.log(tryRead());
