/* eslint-disable */
function parse(text) {
  const n = Number(text);
  if (Number.isNaN(n)) throw new RangeError(`not a number: ${text}`);
  return n;
}
console.log(parse('12') + parse('30'));
parse('twelve');
console.log('not reached');
