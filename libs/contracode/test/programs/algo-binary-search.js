/* eslint-disable */
function binarySearch(arr, target) {
  let lo = 0, hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] === target) return mid;
    if (arr[mid] < target) lo = mid + 1; else hi = mid - 1;
  }
  return -(lo + 1);
}
const sorted = [1, 3, 5, 7, 9, 11, 13];
console.log([7, 1, 13, 4, 0, 20].map((t) => binarySearch(sorted, t)).join(' '));
