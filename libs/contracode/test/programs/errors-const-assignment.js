/* eslint-disable */
const frozenValue = 1;
const messages = [];
try { frozenValue = 2; } catch (e) { messages.push(e.message); }
try { null.property; } catch (e) { messages.push(e.message); }
try { undefined.call(); } catch (e) { messages.push(e.message); }
try { ({}).x.y; } catch (e) { messages.push(e.message); }
try { missingGlobal + 1; } catch (e) { messages.push(e.message); }
try { [].reduce((a, b) => a + b); } catch (e) { messages.push(e.message); }
try { new Array(-1); } catch (e) { messages.push(e.message); }
try { 'abc'.repeat(-1); } catch (e) { messages.push(e.message); }
try { JSON.parse('{'); } catch (e) { messages.push(e.name); }
console.log(messages.join('\n'));
