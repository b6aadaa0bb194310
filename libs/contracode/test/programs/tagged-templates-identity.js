/* eslint-disable */
const seen = [];
function tag(strings) { seen.push(strings); return strings.length; }
function run() { return tag`x${1}y`; }
run(); run();
console.log(seen[0] === seen[1], Object.isFrozen(seen[0]), seen[0].raw[0]);
const sql = (s, ...v) => ({ text: s.reduce((a, b, i) => a + '$' + i + b), values: v });
console.log(JSON.stringify(sql`SELECT * FROM t WHERE a = ${1} AND b = ${'two'}`));
