/* eslint-disable */
function compose(middleware) {
  return function (ctx) {
    let index = -1;
    function dispatch(i) {
      if (i <= index) return Promise.reject(new Error('next() called twice'));
      index = i;
      const fn = middleware[i];
      if (!fn) return Promise.resolve();
      return Promise.resolve(fn(ctx, () => dispatch(i + 1)));
    }
    return dispatch(0);
  };
}
const trail = [];
const app = compose([
  async (ctx, next) => { trail.push('a1'); await next(); trail.push('a2'); },
  async (ctx, next) => { trail.push('b1'); ctx.body = 'hello'; await next(); trail.push('b2'); },
  (ctx) => { trail.push('c'); ctx.body += '!'; },
]);
const ctx = {};
app(ctx).then(() => console.log(trail.join(' '), ctx.body));
