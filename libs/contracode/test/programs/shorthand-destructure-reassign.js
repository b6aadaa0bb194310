/* eslint-disable */
let count = 0;
let total = 0;
const stats = { count: 5, total: 50 };
({ count, total } = stats);
const average = { count, total, mean: total / count };
console.log(JSON.stringify(average));
