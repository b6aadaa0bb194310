/* eslint-disable */
function demo() {
  const settings = { a: 1 };
  const nothing = undefined;
  const attempts = [() => [...settings], () => { for (const x of nothing) console.log(x); }, () => { const [first] = settings; return first; }, () => { const { key } = nothing; return key; }];
  for (const attempt of attempts) {
    try { attempt(); } catch (err) { console.log(err instanceof TypeError, err.message); }
  }
}
demo();
