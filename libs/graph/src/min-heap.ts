/** A binary min-heap of integers: the ready set of a Kahn sort that always takes the smallest key. */
export class MinHeap {
  private readonly items: number[] = [];

  constructor(private readonly key: (item: number) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: number): void {
    const items = this.items;
    items.push(item);
    let child = items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.key(items[parent]!) <= this.key(item)) break;
      items[child] = items[parent]!;
      child = parent;
    }
    items[child] = item;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const smaller =
        right < items.length && this.key(items[right]!) < this.key(items[left]!) ? right : left;
      if (this.key(items[smaller]!) >= this.key(last)) break;
      items[parent] = items[smaller]!;
      parent = smaller;
    }
    items[parent] = last;
    return top;
  }
}
