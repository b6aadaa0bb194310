function format(value: number): string;
function format(value: Date): string;
function format(value: number | Date): string {
  return typeof value === 'number' ? value.toFixed(1) : value.toISOString().slice(0, 10);
}
type Point = readonly [x: number, y: number];
const points: Point[] = [[1, 2], [3, 4]];
const [x0, y0] = points[0] ?? [0, 0];
function swap<A, B>([a, b]: [A, B]): [B, A] {
  return [b, a];
}
console.log(format(3.14159), format(new Date(Date.UTC(2020, 5, 1))), x0 + y0, swap(['a', 1]).join(':'));
