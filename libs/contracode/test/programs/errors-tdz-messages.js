/* eslint-disable */
function demo() {
  try {
    console.log(counter);
  } catch (e) {
    console.log(e.name + ': ' + e.message);
  }
  let counter = 1;
  const read = () => limit;
  try { read(); } catch (e) { console.log(e.message); }
  const limit = 10;
  console.log(read(), counter);
}
demo();
try { new Shape(); } catch (error) { console.log(error.message); }
class Shape {}
