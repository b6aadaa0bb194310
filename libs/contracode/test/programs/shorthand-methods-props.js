/* eslint-disable */
const value = 10;
const label = 'lbl';
const api = {
  value,
  label,
  double() { return this.value * 2; },
  get triple() { return value * 3; },
  async later() { return label; },
  *gen() { yield value; },
};
api.later().then((l) => console.log(api.double(), api.triple, l, [...api.gen()], api.double.name, Object.keys(api).join()));
