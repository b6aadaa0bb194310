/* eslint-disable */
class Timer {
  constructor() { this.ticks = 0; }
  tick() { this.ticks++; return this; }
  runAll(n) { Array.from({ length: n }).forEach(() => this.tick()); return this.ticks; }
}
const t = new Timer();
console.log(t.runAll(5), t.tick().tick().ticks);
