/* eslint-disable */
const s = 'tab\there "dq" \'sq\' back\\slash \u00e9 \x41 \u{1F600} null\0char';
console.log(s, s.length, JSON.stringify(s));
console.log('line1\nline2'.split('\n').length, `multi
line`.length, '\u2028'.length, String.raw`\n${1}`);
