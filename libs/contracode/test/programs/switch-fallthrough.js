/* eslint-disable */
function classify(n) {
  const tags = [];
  switch (n % 4) {
    case 0:
      tags.push('zero');
    case 1:
      tags.push('zero-or-one');
      break;
    case 2: {
      const local = 'two';
      tags.push(local);
      break;
    }
    default:
      tags.push('three');
  }
  return tags.join('+');
}
console.log([0, 1, 2, 3, 4].map(classify).join(' | '));
