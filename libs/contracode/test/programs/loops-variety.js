/* eslint-disable */
const out = [];
for (let i = 0, j = 10; i < j; i += 3, j -= 1) out.push(`${i}-${j}`);
let k = 0;
while (k < 3) out.push('w' + k++);
do out.push('d' + k); while (--k > 1);
for (const key in { x: 1, y: 2, __proto__: { inherited: 3 } }) out.push('in:' + key);
for (const [idx, ch] of [...'ab'].entries()) out.push(`of:${idx}${ch}`);
console.log(out.join(' '));
