/* eslint-disable */
const text = 'The year 1999 and 2024, then 3000; phone 555-1234.';
console.log(text.match(/\d{4}/g).join('|'));
console.log(/(\d{3})-(\d{4})/.exec(text).slice(1).join(':'));
console.log(text.replace(/\b(\w)(\w*)\b/g, (m, a, b) => a.toUpperCase() + b.toLowerCase()));
console.log('a1b2c3'.split(/\d/), /^the/i.test(text));
