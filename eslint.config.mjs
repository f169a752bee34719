// Lint on top of the strict compiler: the recommended rules of ESLint and typescript-eslint
// (syntax-level and fast; the type-aware set would add minutes to CI for little the compiler misses).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'src/generated/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node, ...globals.jest } },
    rules: {
      // A leading underscore names what is deliberately left unused (a destructured field dropped, a callback's parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // CommonJS helpers loaded by Node or Jest before TypeScript is in play, and scripts that load
    // a module lazily (benches, the embedded database's optional extensions).
    files: ['**/*.js', 'scripts/**/*.ts', 'src/infra/database/embedded/embedded-postgres.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
