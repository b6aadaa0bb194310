class Point {
  label: string = 'p';
  doubled = this.label.length * 2;
  constructor(
    public x: number,
    private y = 1,
  ) {}
  sum(): number {
    return this.x + this.y + this.doubled;
  }
}
class Base {
  created: string[] = [];
  constructor(protected readonly id: number) {
    this.created.push(`base ${id}`);
  }
}
class Child extends Base {
  value = 5;
  constructor(
    public tag: string,
    id: number,
  ) {
    super(id);
  }
}
const c = new Child('t', 7);
console.log(new Point(3).sum(), JSON.stringify(new Point(2)), JSON.stringify(c), Object.keys(new Point(1)).join());
