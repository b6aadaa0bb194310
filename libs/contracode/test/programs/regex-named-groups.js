/* eslint-disable */
const dates = '2024-01-15, 1999-12-31 and 2000-02-29';
const re = /(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})/g;
for (const m of dates.matchAll(re)) {
  const { year, month, day } = m.groups;
  console.log(`${day}/${month}/${year} at ${m.index}`);
}
console.log(dates.replace(re, '$<day>.$<month>.$<year>'));
