import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CLI_IMPORTS = { group: ['**/cli/*'], message: 'only cli/ wires commands: nothing else imports it' };
const IO_IMPORTS = {
  group: ['**/broker/*', '**/apply/*', '**/live-test/*', '**/runtime/*', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'amqplib'],
  message: 'plan/ is pure: only plan-against-broker.ts reads a broker',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The direction of imports (DESIGN.md): cli/ wires the stages and nothing imports it;
  // plan/ is pure except the one file that plans against a live broker.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CLI_IMPORTS] }] },
  },
  {
    files: ['src/plan/**/*.ts'],
    ignores: ['src/plan/plan-against-broker.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CLI_IMPORTS, IO_IMPORTS] }] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
