/* eslint-disable */
class MinHeap {
  constructor(compare = (a, b) => a - b) { this.data = []; this.compare = compare; }
  push(v) { const d = this.data; d.push(v); let i = d.length - 1; while (i > 0) { const p = (i - 1) >> 1; if (this.compare(d[i], d[p]) >= 0) break; [d[i], d[p]] = [d[p], d[i]]; i = p; } }
  pop() {
    const d = this.data; const top = d[0]; const last = d.pop();
    if (d.length) { d[0] = last; let i = 0; for (;;) { const l = 2 * i + 1, r = l + 1; let m = i; if (l < d.length && this.compare(d[l], d[m]) < 0) m = l; if (r < d.length && this.compare(d[r], d[m]) < 0) m = r; if (m === i) break; [d[i], d[m]] = [d[m], d[i]]; i = m; } }
    return top;
  }
  get size() { return this.data.length; }
}
const h = new MinHeap();
[9, 4, 7, 1, 8, 2, 6].forEach((x) => h.push(x));
const out = []; while (h.size) out.push(h.pop());
console.log(out.join(' '));
