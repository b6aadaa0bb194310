interface Shape {
  kind: 'circle' | 'square';
  size: number;
}
interface Named<T> {
  name: string;
  value: T;
}
function area(shape: Shape): number {
  return shape.kind === 'circle' ? Math.PI * shape.size ** 2 : shape.size * shape.size;
}
function pluck<T, K extends keyof T>(items: readonly T[], key: K): T[K][] {
  return items.map((item) => item[key]);
}
const shapes: Shape[] = [{ kind: 'circle', size: 1 }, { kind: 'square', size: 3 }];
const named: Named<number>[] = shapes.map((s, i) => ({ name: `${s.kind}${i}`, value: Math.round(area(s) * 100) / 100 }));
console.log(pluck(named, 'name').join(','), pluck(named, 'value').join(','));
