import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// The dependency rules of docs/architecture.md, enforced: a violation fails `lint` in CI.
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'scope:graph', onlyDependOnLibsWithTags: ['scope:graph', 'scope:cli'] },
  { sourceTag: 'scope:solver', onlyDependOnLibsWithTags: ['scope:solver', 'scope:cli'] },
  { sourceTag: 'scope:remat', onlyDependOnLibsWithTags: ['scope:remat', 'scope:graph', 'scope:solver', 'scope:queue', 'scope:cli'] },
  { sourceTag: 'scope:transfer', onlyDependOnLibsWithTags: ['scope:transfer', 'scope:solver', 'scope:cli', 'scope:testing'] },
  { sourceTag: 'scope:contracode', onlyDependOnLibsWithTags: ['scope:contracode', 'scope:transfer', 'scope:cli', 'scope:train', 'scope:tfjs', 'scope:remat-tfjs', 'scope:remat', 'scope:graph', 'scope:queue', 'scope:testing'] },
  { sourceTag: 'scope:train', onlyDependOnLibsWithTags: ['scope:train', 'scope:transfer', 'scope:remat', 'scope:remat-tfjs', 'scope:tfjs', 'scope:graph', 'scope:cli', 'scope:testing'] },
  // TF.js backends, kernels, custom layers, built-in models and model I/O over the object stores:
  // below every library that trains.
  { sourceTag: 'scope:tfjs', onlyDependOnLibsWithTags: ['scope:tfjs', 'scope:transfer', 'scope:cli'] },
  // The remat executor: TF.js kept out of the pure planners in libs/remat.
  { sourceTag: 'scope:remat-tfjs', onlyDependOnLibsWithTags: ['scope:remat-tfjs', 'scope:remat', 'scope:graph', 'scope:solver', 'scope:tfjs', 'scope:transfer', 'scope:cli', 'scope:testing'] },
  // The job queue: producers and workers over the libraries whose jobs it runs.
  // The job queue is generic (jobs as data, workers, producers); the libraries whose jobs it runs
  // import it for their producers, and the app wires their job handlers into the worker.
  { sourceTag: 'scope:queue', onlyDependOnLibsWithTags: ['scope:queue', 'scope:transfer', 'scope:cli', 'scope:testing'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:cli'] },
  // Test servers are for tests and benchmarks; libraries' runtime code must not import them.
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:testing', 'scope:cli'] },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'reports/**', '.nx/**', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...nx.configs['flat/base'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  prettier,
);
