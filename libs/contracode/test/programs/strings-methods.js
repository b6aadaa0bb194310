/* eslint-disable */
const s = '  Hello, World!  ';
console.log(JSON.stringify(s.trim()), s.trimStart().length, s.trimEnd().length);
console.log('abc'.padStart(6, '*'), 'abc'.padEnd(6, '-'), 'ab'.repeat(3), 'Hello'.at(-1), 'Hello'.charCodeAt(1));
console.log('a,b,,c'.split(','), 'hello world'.indexOf('o'), 'hello world'.lastIndexOf('o'), 'Hello'.includes('ell'));
console.log('Straße'.toUpperCase(), 'İ'.toLowerCase().length, 'abc'.localeCompare('abd'), 'x'.concat(1, 2));
