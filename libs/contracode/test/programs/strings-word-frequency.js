/* eslint-disable */
const text = `It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness`;
const freq = {};
for (const word of text.toLowerCase().match(/[a-z]+/g)) freq[word] = (freq[word] || 0) + 1;
const top = Object.entries(freq).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, 5);
console.log(top.map(([w, c]) => `${w}(${c})`).join(', '));
