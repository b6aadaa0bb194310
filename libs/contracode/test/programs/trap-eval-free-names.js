/* eslint-disable */
function configure(options) {
  const eval_ = options.evalLike || ((s) => s.toUpperCase());
  const Function_ = options.fn || String;
  return [eval_('text'), Function_(5)].join(' ');
}
console.log(configure({}), configure({ evalLike: (s) => s + '!', fn: (n) => n * 2 }));
