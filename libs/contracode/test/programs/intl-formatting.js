/* eslint-disable */
const n = 1234567.891;
console.log(new Intl.NumberFormat('en-US').format(n), new Intl.NumberFormat('de-DE').format(n));
console.log(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(42.5), (0.256).toLocaleString('en-US', { style: 'percent' }));
const d = new Date(Date.UTC(2022, 11, 25, 10, 30));
console.log(new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d), ['b', 'a', 'ä'].sort(new Intl.Collator('de').compare).join(''));
