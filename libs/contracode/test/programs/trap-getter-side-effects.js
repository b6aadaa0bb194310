/* eslint-disable */
let reads = 0;
const o = { get x() { reads++; return 1; } };
o.x;
o.x + 1;
void o.x;
[o.x];
({ a: o.x });
if (o.x) {}
console.log(reads);
