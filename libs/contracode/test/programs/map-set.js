/* eslint-disable */
const counts = new Map();
for (const w of 'the cat and the hat and the bat'.split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(sorted.map(([w, c]) => `${w}:${c}`).join(' '), counts.size);
const s1 = new Set([1, 2, 3, 4]);
const s2 = new Set([3, 4, 5]);
console.log([...s1].filter((x) => s2.has(x)), [...new Set([...s1, ...s2])].length, s1.delete(1), s1.has(1));
