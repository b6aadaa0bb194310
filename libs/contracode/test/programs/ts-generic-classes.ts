class Stack<T> {
  private items: T[] = [];
  push(...values: T[]): this {
    this.items.push(...values);
    return this;
  }
  pop(): T | undefined {
    return this.items.pop();
  }
  peek(): T | undefined {
    return this.items[this.items.length - 1];
  }
  get size(): number {
    return this.items.length;
  }
}
class TypedEmitter<Events extends Record<string, unknown[]>> {
  private handlers: { [E in keyof Events]?: ((...args: Events[E]) => void)[] } = {};
  on<E extends keyof Events>(event: E, handler: (...args: Events[E]) => void): void {
    (this.handlers[event] ??= []).push(handler);
  }
  emit<E extends keyof Events>(event: E, ...args: Events[E]): number {
    const list = this.handlers[event] ?? [];
    list.forEach((h) => h(...args));
    return list.length;
  }
}
const s = new Stack<number>().push(1, 2, 3);
const emitter = new TypedEmitter<{ data: [string, number]; end: [] }>();
emitter.on('data', (k, v) => console.log('data', k, v));
console.log(s.pop(), s.peek(), s.size, emitter.emit('data', 'x', 1), emitter.emit('end'));
