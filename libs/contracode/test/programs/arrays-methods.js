/* eslint-disable */
const nums = [5, 12, 8, 130, 44, 3];
console.log(nums.find((n) => n > 10), nums.findIndex((n) => n > 100), nums.findLast((n) => n < 10), nums.some((n) => n > 100), nums.every((n) => n > 1));
console.log(nums.filter((n) => n % 2 === 0), nums.map((n) => n * 2).slice(1, 3), nums.reduce((a, b) => a + b), nums.reduceRight((a, b) => a + '-' + b));
console.log([[1, [2]], [3]].flat(), [[1, [2]], [3]].flat(Infinity), [1, 2].flatMap((x) => [x, x * 10]), Array.of(7, 8), Array.from('abc', (c) => c + c));
console.log(nums.includes(8), nums.indexOf(44), nums.at(-2), nums.join('|'), [3, 1, 2].reverse(), nums.fill(0, 4));
