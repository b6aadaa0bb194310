import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./fixtures/verbose-solve.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe.each(['highs', 'glpk'])('verbose %s', (backend) => {
  test('logs the solver to stderr and leaves stdout to the caller', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', fixture, backend], { cwd: repoRoot });
    expect(JSON.parse(stdout)).toEqual({ status: 'optimal', objective: expect.closeTo(22 / 3, 9) });
    expect(stderr).toMatch(backend === 'highs' ? /HiGHS/ : /mip =/);
  });
});
