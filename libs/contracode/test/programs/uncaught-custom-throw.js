/* eslint-disable */
class AppError extends Error {
  constructor(code) { super(`failed with code ${code}`); this.name = 'AppError'; this.code = code; }
}
function run(step) { if (step === 3) throw new AppError(42); return step; }
for (let i = 0; i < 5; i++) console.log('step', run(i));
