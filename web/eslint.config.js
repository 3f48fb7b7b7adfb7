// ESLint (flat config): typescript-eslint, React and the rules of hooks, and
// the layering of src/ enforced by import/no-restricted-paths:
//
//   shared (components, lib, test, and any hooks/ or utils/)  →  features  →  app
//
// An arrow reads "may be imported by": shared code imports no feature and no
// app code, a feature imports no app code and no other feature
// (features/hotel never imports features/admin), and the app composes them.
// `npm run lint` runs it with --max-warnings 0; `npm test` runs it first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const here = path.dirname(fileURLToPath(import.meta.url));
const features = fs
  .readdirSync(path.join(here, 'src/features'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const SHARED = ['./src/components', './src/lib', './src/test', './src/hooks', './src/utils', './src/types', './src/config'];

const featuresBelowApp = {
  target: './src/features',
  from: './src/app',
  message: 'A feature must not import the app (shared → features → app).',
};

const layering = [
  // Shared code stands below every feature and the app.
  ...SHARED.map((target) => ({
    target,
    from: ['./src/features', './src/app'],
    message: 'Shared code must not import a feature or the app (shared → features → app).',
  })),
  // Features stand below the app.
  featuresBelowApp,
  // No feature imports another one.
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: `features/${name} must not import another feature: move what both need to the shared layer.`,
  })),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'src/lib/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    plugins: {
      react,
      'react-hooks': reactHooks,
      import: importPlugin,
    },
    settings: {
      react: { version: 'detect' },
      'import/resolver': {
        typescript: { project: path.join(here, 'tsconfig.json') },
        node: true,
      },
    },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      'react/prop-types': 'off',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'import/no-restricted-paths': ['error', { zones: layering }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // A page test renders the real route tree (guards and shell included), so
    // it alone may import @/app/router; other features stay out of reach.
    files: ['src/features/**/*.test.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: layering.filter((zone) => zone !== featuresBelowApp) }],
    },
  },
  {
    files: ['*.{js,mjs,ts}', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // End-to-end tests run in node and hand functions to the browser (page.evaluate).
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
