type Event =
  | { type: 'click'; x: number; y: number }
  | { type: 'key'; key: string }
  | { type: 'scroll'; delta: number };
function describe(e: Event): string {
  switch (e.type) {
    case 'click':
      return `click at ${e.x},${e.y}`;
    case 'key':
      return `key ${e.key}`;
    case 'scroll':
      return `scroll ${e.delta > 0 ? 'down' : 'up'}`;
    default: {
      const never: never = e;
      return never;
    }
  }
}
const events: Event[] = [{ type: 'click', x: 1, y: 2 }, { type: 'key', key: 'q' }, { type: 'scroll', delta: -3 }];
console.log(events.map(describe).join(' | '));
