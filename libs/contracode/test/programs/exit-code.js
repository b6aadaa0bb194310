/* eslint-disable */
console.log('setting exit code');
process.exitCode = 3;
setTimeout(() => console.log('still runs after exitCode'), 1);
