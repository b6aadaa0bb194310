/* eslint-disable */
let calls = 0;
const side = () => { calls++; return 1; };
const nothing = null;
const r1 = nothing?.a.b.c(side());
const r2 = nothing?.[side()];
const obj = { inner: { method() { return this === obj.inner; } } };
console.log(r1, r2, calls, obj.inner?.method(), (obj?.inner).method());
