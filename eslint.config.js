import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundariesRule } from './scripts/lint-boundaries.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'var/**', '.test-tmp/**', 'server/drizzle/**', 'web/src/app/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Core and modules, server and web: see scripts/lint-boundaries.js and ARCHITECTURE.md ("Layers").
    files: ['server/src/**/*.{ts,tsx,js}', 'web/src/**/*.{ts,tsx,js}'],
    plugins: { mide: { rules: { boundaries: boundariesRule } } },
    rules: { 'mide/boundaries': 'error' },
  },
);
