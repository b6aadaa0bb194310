/* eslint-disable */
function grade(score) {
  switch (true) {
    case score >= 90: return 'A';
    case score >= 80: return 'B';
    case score >= 70: return 'C';
    default: return 'F';
  }
}
console.log([95, 85, 72, 10, 90, 80].map(grade).join(''));
