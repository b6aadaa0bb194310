/* eslint-disable */
function override() {
  try {
    return 'from try';
  } finally {
    return 'from finally';
  }
}
function swallow() {
  try {
    throw new Error('lost');
  } finally {
    return 'swallowed';
  }
}
function rethrow() {
  try {
    try { throw new TypeError('first'); } finally { console.log('inner finally'); }
  } catch (e) {
    return e.name + ':' + e.message;
  }
}
console.log(override(), swallow(), rethrow());
