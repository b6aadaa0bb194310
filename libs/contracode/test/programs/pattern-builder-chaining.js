/* eslint-disable */
class QueryBuilder {
  constructor(table) { this.parts = { table, where: [], order: null, limit: null }; }
  where(cond) { this.parts.where.push(cond); return this; }
  orderBy(col, dir = 'ASC') { this.parts.order = `${col} ${dir}`; return this; }
  limit(n) { this.parts.limit = n; return this; }
  build() {
    const { table, where, order, limit } = this.parts;
    return [`SELECT * FROM ${table}`, where.length && `WHERE ${where.join(' AND ')}`, order && `ORDER BY ${order}`, limit != null && `LIMIT ${limit}`].filter(Boolean).join(' ');
  }
}
console.log(new QueryBuilder('users').where('age > 18').where("name LIKE 'A%'").orderBy('name').limit(10).build());
console.log(new QueryBuilder('t').limit(0).build());
