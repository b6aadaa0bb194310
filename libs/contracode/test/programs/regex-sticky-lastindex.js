/* eslint-disable */
const re = /\w+/y;
const input = 'foo bar';
console.log(re.exec(input)[0], re.lastIndex, re.exec(input), re.lastIndex);
const global = /o/g;
const hits = [];
let m;
while ((m = global.exec('foo boo')) !== null) hits.push(m.index);
console.log(hits.join(','), global.source, global.flags);
