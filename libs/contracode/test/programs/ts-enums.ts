enum Direction {
  Up = 1,
  Down,
  Left,
  Right,
}
enum Color {
  Red = 'RED',
  Green = 'GREEN',
}
const enum Flags {
  None = 0,
  A = 1 << 0,
  B = 1 << 1,
  AB = A | B,
}
function move(d: Direction): string {
  return `${Direction[d]}(${d})`;
}
console.log(move(Direction.Up), move(Direction.Right), Color.Green, Object.keys(Color).join(), Flags.AB, (Flags.A | Flags.B) === Flags.AB);
