import { builtinModules } from 'node:module'
import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The walls, as lint zones with the reason in each message. TypeScript enforces the same with separate projects
// (tsconfig.app.json has no Node types and cannot reach files outside app/); scripts/walls.test.ts proves both.
const BROWSER_ONLY = [
  { group: ['node:*', ...builtinModules], message: 'Browser code cannot use Node modules: app/ runs in the page.' },
  { group: ['**/emulator/**', '**/emulator'], message: 'The app never imports the emulator: it talks to it over HTTP, as to AWS.' },
  { group: ['**/scripts/**', '**/e2e/**', '**/bench/**'], message: 'The app never imports tooling or tests.' },
]
const AWS_SDK = { group: ['@aws-sdk/*', '@smithy/*'], message: 'Only app/aws/** may import the AWS SDK; call its functions instead.' }
const OIDC = { group: ['oidc-client-ts', 'react-oidc-context'], message: 'Only app/auth/** may import the sign-in library; use its functions instead.' }
// React holds a Suspense boundary's content back for up to 300 ms after its fallback showed: parts load with loadable.
const NO_LAZY = {
  name: 'react',
  importNames: ['lazy', 'Suspense'],
  message: "Load a part with loadable (app/ui/loadable.tsx): React.lazy's Suspense holds what it shows back for up to 300 ms.",
}
const restrict = (...patterns) => ['error', { patterns, paths: [NO_LAZY] }]
// A message posted to "*" reaches whatever page is in that window now: every postMessage names its target origin.
const POST_TO_ANY = {
  selector: "CallExpression[callee.property.name='postMessage'] > Literal[value='*']",
  message: 'postMessage goes to one checked origin, never "*".',
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/out', 'reports'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(...BROWSER_ONLY, AWS_SDK, OIDC),
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Snapshot data renders as text only.' },
        POST_TO_ANY,
      ],
      // Query factories take the AWS session whose credentials they use; each session has its own query client, so
      // the session need not be part of the key.
      '@tanstack/query/exhaustive-deps': ['error', { allowlist: { variables: ['session'] } }],
    },
  },
  { files: ['app/aws/**'], rules: { 'no-restricted-imports': restrict(...BROWSER_ONLY, OIDC) } },
  { files: ['app/auth/**'], rules: { 'no-restricted-imports': restrict(...BROWSER_ONLY, AWS_SDK) } },
  {
    // Tests beside the app's code run in Node and may start emulators and relays.
    files: ['app/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['emulator/**'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['**/app/**', '**/scripts/**', '**/e2e/**'],
        message: 'The emulator stands alone: it imitates AWS and knows nothing of the app or its tooling.',
      }),
    },
  },
  {
    files: ['emulator/**', 'e2e/**', 'scripts/**', 'bench/**', '*.config.{ts,js}'],
    ignores: ['scripts/demo-portal/**', 'e2e/hosts/**'],
    languageOptions: { globals: globals.node },
  },
  {
    // Plain scripts served to browsers: the portal's embed script, the demo portal and the test portals.
    files: ['public/**/*.js', 'scripts/demo-portal/**/*.js', 'e2e/hosts/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
    rules: { 'no-restricted-syntax': ['error', POST_TO_ANY] },
  },
  { files: ['scripts/demo-portal/**/*.js', 'e2e/hosts/**/*.js'], languageOptions: { sourceType: 'module' } },
  {
    // Code handed to the browser through Playwright (page.evaluate, addInitScript) runs in the page.
    files: ['e2e/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
)
