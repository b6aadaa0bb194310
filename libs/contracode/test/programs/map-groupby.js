/* eslint-disable */
const people = [{ n: 'a', dept: 'eng', age: 30 }, { n: 'b', dept: 'ops', age: 40 }, { n: 'c', dept: 'eng', age: 25 }, { n: 'd', dept: 'hr', age: 50 }];
const byDept = people.reduce((m, p) => m.set(p.dept, [...(m.get(p.dept) || []), p.n]), new Map());
const avg = {};
for (const [dept, names] of byDept) avg[dept] = people.filter((p) => names.includes(p.n)).reduce((s, p) => s + p.age, 0) / names.length;
console.log(JSON.stringify([...byDept]), JSON.stringify(avg));
