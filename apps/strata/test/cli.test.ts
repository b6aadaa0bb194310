import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/strata.mjs', import.meta.url));

async function strata(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('strata binary', () => {
  it('lists every verb group in --help', async () => {
    const { code, stdout } = await strata('--help');
    expect(code).toBe(0);
    for (const verb of ['remat', 'transfer', 'code', 'train', 'pipeline']) {
      expect(stdout).toMatch(new RegExp(`strata ${verb}`));
    }
  });

  it('rejects an unknown command with one line on stderr and exit 2', async () => {
    const { code, stderr } = await strata('frobnicate');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^strata: /);
  });
});
