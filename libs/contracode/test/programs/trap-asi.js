/* eslint-disable */
const a = 1
const b = 2
const sum = a + b
;[a, b].forEach((x) => console.log(x))
const text = `t`
;(function () { console.log('iife', sum, text) })()
let c = a
++c
console.log(c)
function ret() {
  return (
    'value'
  )
}
console.log(ret())
