/* eslint-disable */
const data = { user: { profile: { name: 'Lee', emails: ['a@x', 'b@x'] }, greet() { return 'hi ' + this.profile.name; } } };
console.log(data.user?.profile?.name, data.admin?.profile.name, data.user.profile.emails?.[1], data.user.missing?.[0]);
console.log(data.user.greet?.(), data.user.nothing?.(), data.admin?.greet());
const fn = null;
console.log(fn?.(1), (data.user?.profile).name, typeof data?.user?.profile?.emails?.length);
