/* eslint-disable */
class Node { constructor(value, next = null) { this.value = value; this.next = next; } }
class LinkedList {
  constructor() { this.head = null; this.length = 0; }
  push(v) { const n = new Node(v); if (!this.head) this.head = n; else { let c = this.head; while (c.next) c = c.next; c.next = n; } this.length++; return this; }
  reverse() { let prev = null, cur = this.head; while (cur) { [cur.next, prev, cur] = [prev, cur, cur.next]; } this.head = prev; return this; }
  *[Symbol.iterator]() { for (let c = this.head; c; c = c.next) yield c.value; }
  toString() { return [...this].join(' -> ') || '(empty)'; }
}
const list = new LinkedList().push(1).push(2).push(3).push(4);
console.log(String(list), String(list.reverse()), list.length, String(new LinkedList()));
