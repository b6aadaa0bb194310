/* eslint-disable */
function alias(a, b) {
  a = 10;
  arguments[1] = 20;
  return [a, b, arguments[0], arguments[1]].join(',');
}
function noAlias(a, b) {
  'use strict';
  a = 10;
  arguments[1] = 20;
  return [a, b, arguments[0], arguments[1]].join(',');
}
function withDefault(a, b = 2) {
  a = 10;
  return [a, arguments[0]].join(',');
}
console.log(alias(1, 2), noAlias(1, 2), withDefault(1));
