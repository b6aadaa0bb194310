/* eslint-disable */
const steps = [];
Promise.resolve(1)
  .then((v) => { steps.push(v); return v + 1; })
  .then((v) => { steps.push(v); throw new Error('step ' + v); })
  .then(() => steps.push('skipped'))
  .catch((e) => { steps.push(e.message); return 'recovered'; })
  .finally(() => steps.push('finally'))
  .then((v) => console.log(steps.join(' > '), v));
