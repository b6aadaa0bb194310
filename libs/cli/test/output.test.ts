import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const output = fileURLToPath(new URL('../src/output.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));

describe('printLine when the reader of stdout has gone', () => {
  test('exits 0 without a stack trace (like `ls | head`)', () => {
    // A real pipe closed after the first line: the writer prints many lines, `head -1` exits.
    const script = `import { printLine } from ${JSON.stringify(output)};
      for (let i = 0; i < 200000; i++) printLine('line ' + i);`;
    const result = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node --import ${JSON.stringify(tsx)} --input-type=module -e "$0" | head -1`, script],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toBe('line 0\n');
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result.status).toBe(0);
  });
});
