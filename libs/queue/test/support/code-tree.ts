import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const OPERATORS = ['+', '-', '*', '/', '%', '&', '|', '^'];

/**
 * A small directory of JavaScript to build corpora from: `packages` packages of `files` files of
 * `functions` distinct functions each, made up for the test (deterministic).
 */
export async function writeCodeTree(options: { packages: number; files: number; functions: number }): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'strata-queue-code-'));
  for (let p = 0; p < options.packages; p += 1) {
    const dir = path.join(root, `pkg-${p}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: `pkg-${p}`, version: '1.0.0' }));
    for (let f = 0; f < options.files; f += 1) {
      const functions: string[] = [];
      for (let n = 0; n < options.functions; n += 1) {
        // Operators picked by the function's index: each function has its own AST shape, so none
        // is removed as a duplicate of another.
        const index = (p * options.files + f) * options.functions + n;
        const [a, b, c] = [index % 8, Math.floor(index / 8) % 8, Math.floor(index / 64) % 8].map((d) => OPERATORS[d]);
        functions.push(`function combine${index}(left, right) {
  const first = left ${a} right;
  let second = first ${b} left;
  if (second > right) {
    second = second ${c} ${index + 1};
  }
  const unused = 'value';
  return second ${a} first;
}
`);
      }
      await writeFile(path.join(dir, `file-${f}.js`), functions.join('\n'));
    }
  }
  return root;
}
