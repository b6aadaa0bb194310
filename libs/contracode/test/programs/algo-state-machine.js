/* eslint-disable */
const machine = {
  idle: { start: 'running' },
  running: { pause: 'paused', stop: 'idle', fail: 'error' },
  paused: { resume: 'running', stop: 'idle' },
  error: { reset: 'idle' },
};
function run(events) {
  let state = 'idle';
  const trace = [state];
  for (const e of events) {
    const next = machine[state][e];
    if (!next) { trace.push(`!${e}`); continue; }
    state = next;
    trace.push(state);
  }
  return trace.join(' > ');
}
console.log(run(['start', 'pause', 'resume', 'fail', 'start', 'reset', 'start', 'stop']));
