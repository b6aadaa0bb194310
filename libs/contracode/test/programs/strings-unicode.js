/* eslint-disable */
const emoji = 'a😀b';
console.log(emoji.length, [...emoji].length, emoji.codePointAt(1), String.fromCodePoint(128512) === '😀');
console.log(emoji.split(''), Array.from(emoji), emoji.slice(1, 3) === '😀');
console.log('café'.normalize('NFD').length, 'café'.length, '\u00e9' === '\u0065\u0301'.normalize('NFC'));
console.log(encodeURIComponent('a b&c/ü'), decodeURIComponent('%E2%9C%93'), escape === undefined);
