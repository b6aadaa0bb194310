class Model {
  declare readonly kind: string;
  id: number;
  label?: string;
  tags: string[] = [];
  constructor(id: number) {
    this.id = id;
  }
}
const m = new Model(3);
console.log(Object.keys(m).join(','), 'kind' in m, m.label, m.tags.length);
