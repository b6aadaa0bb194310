/* eslint-disable */
const d = new Date(Date.UTC(2021, 0, 31, 13, 45, 30));
console.log(d.toISOString(), d.getUTCDay(), d.valueOf(), JSON.stringify({ d }));
d.setUTCMonth(1);
console.log(d.toISOString(), new Date('2020-02-29T00:00:00Z').getTime(), new Date(0).toUTCString());
const diffDays = (new Date('2024-03-01') - new Date('2024-02-01')) / 864e5;
console.log(diffDays, new Date(NaN).getTime(), isNaN(new Date('garbage')));
