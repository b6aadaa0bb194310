/* eslint-disable */
const patterns = [/a\/b/, /[/]/, /\d+/g, /=/, /(?:)/, new RegExp('\\s+', 'g')];
console.log(patterns.map(String).join(' '), 'a/b c'.split(patterns[0]).length, '1 2 3'.replace(patterns[2], 'n'));
const division = 10 / 2 / 5;
const re = /x/g; re.lastIndex = 0;
console.log(division, re.test('axbx'), re.lastIndex, re.test('axbx'), re.lastIndex);
