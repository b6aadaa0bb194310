/* eslint-disable */
const template = 'Hello {name}, you have {count} new {item}s';
const data = { name: 'Kim', count: 3, item: 'message' };
console.log(template.replace(/\{(\w+)\}/g, (_, key) => data[key] ?? `{${key}}`));
console.log('snake_case_to_camel'.replace(/_([a-z])/g, (_, c) => c.toUpperCase()));
console.log('camelCaseToKebab'.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
console.log('a-b-c'.replaceAll('-', '+'), 'x.y.z'.replace(/\./g, '$&$&'));
