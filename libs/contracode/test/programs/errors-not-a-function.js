/* eslint-disable */
function demo() {
  const handlers = { onClick: null };
  let callback;
  const results = [];
  for (const attempt of [() => callback(), () => handlers.onClick(), () => handlers.onHover(), () => new callback()]) {
    try { attempt(); } catch (e) { results.push(`${e.constructor.name}: ${e.message}`); }
  }
  console.log(results.join('\n'));
  var hoisted;
  try { early(); } catch (e) { console.log(e.message); }
  var early = function () {};
}
demo();
