/* eslint-disable */
const text = '{"date":"2020-01-02T03:04:05.000Z","values":[1,2,3],"nested":{"secret":"x","keep":true}}';
const parsed = JSON.parse(text, (key, value) => (key === 'date' ? new Date(value) : value));
console.log(parsed.date.getUTCFullYear(), parsed.date instanceof Date);
console.log(JSON.stringify(parsed, (key, value) => (key === 'secret' ? undefined : value)));
console.log(JSON.stringify(parsed.nested, ['keep']), JSON.stringify({ a: [1, 2] }, null, '--'));
try { JSON.parse('{bad json}'); } catch (e) { console.log(e.name); }
