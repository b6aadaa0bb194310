/* eslint-disable */
function* fibonacci() {
  let [a, b] = [0, 1];
  for (;;) { yield a; [a, b] = [b, a + b]; }
}
const out = [];
for (const f of fibonacci()) { if (f > 200) break; out.push(f); }
console.log(out.join(','));
