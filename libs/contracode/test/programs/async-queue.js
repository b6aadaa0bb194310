/* eslint-disable */
// Work takes "ticks" of the microtask queue instead of wall-clock time, so the interleaving of
// tasks is the same however loaded the machine is.
const work = async (ticks) => { for (let i = 0; i < ticks; i++) await null; };
class TaskQueue {
  constructor(concurrency) { this.concurrency = concurrency; this.running = 0; this.queue = []; this.log = []; }
  push(name, ticks) {
    return new Promise((resolve) => { this.queue.push({ name, ticks, resolve }); this.next(); });
  }
  next() {
    while (this.running < this.concurrency && this.queue.length) {
      const { name, ticks, resolve } = this.queue.shift();
      this.running++;
      this.log.push('start ' + name);
      work(ticks).then(() => { this.running--; this.log.push('end ' + name); resolve(name); this.next(); });
    }
  }
}
const q = new TaskQueue(2);
Promise.all([q.push('a', 120), q.push('b', 10), q.push('c', 5), q.push('d', 1)]).then((r) => console.log(r.join(''), '\n' + q.log.join('\n')));
