import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "bench/out", "reports"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The AWS layer is a wall: only app/aws/** talks to the SDK.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'Only app/aws/** may import the AWS SDK; call its functions instead.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Snapshot data renders as text only.' },
      ],
    },
  },
  {
    files: ['app/aws/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['emulator/**', 'e2e/**', 'scripts/**', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Code handed to the browser through Playwright (page.evaluate, addInitScript) runs in the page.
    files: ['e2e/**', 'scripts/bench.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
)
