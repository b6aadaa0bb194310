/* eslint-disable */
function f() {
  const log = [];
  try {
    log.push('try');
    return log;
  } finally {
    log.push('finally');
  }
}
function g() {
  try {
    throw new Error('inner');
  } catch (e) {
    return 'catch:' + e.message;
  } finally {
    console.log('g finally');
  }
}
function h() {
  for (let i = 0; i < 3; i++) {
    try { if (i === 1) continue; if (i === 2) break; } finally { console.log('loop finally', i); }
  }
  return 'h done';
}
console.log(f().join('>'), g(), h());
