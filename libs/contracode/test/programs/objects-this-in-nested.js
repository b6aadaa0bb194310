/* eslint-disable */
const widget = {
  items: ['a', 'b'],
  prefix: '>',
  render() {
    return this.items.map(function (item) { return (this && this.prefix) + item; }, { prefix: '#' }).concat(this.items.map((i) => this.prefix + i));
  },
};
console.log(widget.render().join(' '));
