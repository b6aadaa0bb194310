/* eslint-disable */
function pick() { return 'first'; }
console.log(pick());
function pick() { return 'second'; }
console.log(pick());
