/* eslint-disable */
const fns = [];
for (let i = 0; fns.push(() => i), i < 3; i++) {}
console.log(fns.map((f) => f()).join(','));
let j = 0;
const later = [];
while (j < 3) { const k = j; later.push(() => k * 10); j++; }
console.log(later.map((f) => f()).join(','));
