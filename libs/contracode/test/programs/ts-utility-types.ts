interface User {
  id: number;
  name: string;
  email: string;
  admin: boolean;
}
type PublicUser = Omit<User, 'email'>;
type Patch = Partial<Pick<User, 'name' | 'email'>>;
function apply(user: User, patch: Patch): User {
  return { ...user, ...patch };
}
function toPublic({ email: _email, ...rest }: User): PublicUser {
  return rest;
}
const users: Record<number, User> = { 1: { id: 1, name: 'Ann', email: 'a@x', admin: false } };
const updated = apply(users[1]!, { name: 'Anne' });
const readonlyList: ReadonlyArray<string> = ['x', 'y'];
console.log(JSON.stringify(toPublic(updated)), readonlyList.length, Object.keys(users).map(Number));
