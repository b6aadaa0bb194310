/**
 * A binary min-heap of search states keyed by (estimate ascending, stage descending, resident bytes
 * ascending): among equal estimates the deepest state goes first, so A* reaches a goal without
 * widening ties, and of those the one holding least memory (fewer values to branch on).
 */
export class StateQueue {
  private readonly priority: number[] = [];
  private readonly depth: number[] = [];
  private readonly weight: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(priority: number, depth: number, weight: number, key: number): void {
    this.priority.push(priority);
    this.depth.push(depth);
    this.weight.push(weight);
    this.keys.push(key);
    this.siftUp(this.keys.length - 1);
  }

  /** Removes and returns the key with the least priority (deepest first on ties). */
  pop(): number {
    const top = this.keys[0] as number;
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.priority.pop();
    this.depth.pop();
    this.weight.pop();
    this.keys.pop();
    if (this.keys.length > 0) this.siftDown(0);
    return top;
  }

  private before(a: number, b: number): boolean {
    const pa = this.priority[a] as number;
    const pb = this.priority[b] as number;
    if (pa !== pb) return pa < pb;
    const da = this.depth[a] as number;
    const db = this.depth[b] as number;
    if (da !== db) return da > db;
    return (this.weight[a] as number) < (this.weight[b] as number);
  }

  private swap(a: number, b: number): void {
    for (const list of [this.priority, this.depth, this.weight, this.keys]) {
      const held = list[a] as number;
      list[a] = list[b] as number;
      list[b] = held;
    }
  }

  private siftUp(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const n = this.keys.length;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let best = index;
      if (left < n && this.before(left, best)) best = left;
      if (right < n && this.before(right, best)) best = right;
      if (best === index) return;
      this.swap(index, best);
      index = best;
    }
  }
}
