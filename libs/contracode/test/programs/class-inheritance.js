/* eslint-disable */
class Shape {
  constructor(name) { this.name = name; }
  area() { return 0; }
  describe() { return `${this.name} with area ${this.area().toFixed(2)}`; }
  static create(kind, ...args) { return kind === 'circle' ? new Circle(...args) : new Rect(...args); }
}
class Circle extends Shape {
  constructor(r) { super('circle'); this.r = r; }
  area() { return Math.PI * this.r ** 2; }
}
class Rect extends Shape {
  constructor(w, h) { super('rect'); this.w = w; this.h = h; }
  area() { return this.w * this.h; }
  describe() { return super.describe() + ' (rect)'; }
}
for (const s of [Shape.create('circle', 2), Shape.create('rect', 3, 4)]) console.log(s.describe(), s instanceof Shape, s.constructor.name);
