/* eslint-disable */
const settings = { retries: 0, name: '', timeout: null, flag: false };
console.log(settings.retries ?? 3, settings.retries || 3, settings.name ?? 'anon', settings.name || 'anon');
console.log(settings.timeout ?? 1000, settings.missing ?? 'default', settings.flag ?? true);
let cached = null;
cached ??= 'computed';
cached ??= 'again';
let count = 0;
count ||= 5;
let flag = 1;
flag &&= 'and';
console.log(cached, count, flag);
