/* eslint-disable */
function quicksort(arr) {
  if (arr.length <= 1) return arr;
  const [pivot, ...rest] = arr;
  return [...quicksort(rest.filter((x) => x < pivot)), pivot, ...quicksort(rest.filter((x) => x >= pivot))];
}
function mergeSort(arr) {
  if (arr.length < 2) return arr;
  const mid = arr.length >> 1;
  const left = mergeSort(arr.slice(0, mid));
  const right = mergeSort(arr.slice(mid));
  const out = [];
  while (left.length && right.length) out.push(left[0] <= right[0] ? left.shift() : right.shift());
  return out.concat(left, right);
}
function insertion(arr) {
  const a = arr.slice();
  for (let i = 1; i < a.length; i++) { const v = a[i]; let j = i - 1; while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; } a[j + 1] = v; }
  return a;
}
const input = [5, 3, 9, 1, 5, 8, 2, 7, 0, 6];
console.log(quicksort(input).join(''), mergeSort(input).join(''), insertion(input).join(''), input.join(''));
