/* eslint-disable */
const records = Array.from({ length: 20 }, (_, i) => ({ id: i, group: (i * 7) % 4 }));
const sorted = records.slice().sort((a, b) => a.group - b.group);
console.log(sorted.map((r) => `${r.group}:${r.id}`).join(' '));
const words = ['banana', 'Apple', 'cherry', 'apple', 'Banana'];
console.log(words.toSorted?.((a, b) => a.length - b.length).join(',') ?? 'no toSorted', words.join(','));
