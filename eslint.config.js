// One lint setup for the whole repository: TypeScript everywhere, Vue single-file components in the renderer.
import { defineConfig, globalIgnores } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist*/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.tmp*', '**/*.tmp.*']),
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  // Formatting is the editor's job; lint is for mistakes.
  { name: 'vue/no-layout-rules', ...pluginVue.configs['no-layout-rules'] },
  {
    name: 'vue/typescript',
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    // A sandboxed preload is CommonJS and can only load modules with require().
    name: 'project/preload',
    files: ['electron/preload/**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Layers: the engine knows nothing of the shells or the UI; the UI reaches the engine only through
  // the contract; the two shells are alternatives and never import each other.
  {
    name: 'project/layers/engine',
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The engine runs without Electron: keep OS integration in electron/main.' }],
        patterns: [{ group: ['**/main/**', '**/headless/**', '**/preload/**', '**/renderer/**'], message: 'electron/core imports nothing from the shells or the UI.' }],
      }],
    },
  },
  {
    name: 'project/layers/renderer',
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The UI talks to the engine only through window.api or the headless bridge.' }],
        patterns: [
          { regex: '(^|/)electron/(?!core/contract/)', message: 'The renderer imports only the contract from electron/.' },
          { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
        ],
      }],
    },
  },
  {
    name: 'project/layers/electron-shell',
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/headless/**', '**/renderer/**'], message: 'The Electron shell and the headless shell do not import each other, nor the UI.' }] }],
    },
  },
  {
    name: 'project/layers/headless-shell',
    files: ['electron/headless/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The headless shell runs on plain Node.' }],
        patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The headless shell and the Electron shell do not import each other, nor the UI.' }],
      }],
    },
  },
  {
    name: 'project/rules',
    rules: {
      // `_name` marks a parameter a callback signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-debugger': 'error',
      // Views are named for their route (HomeView, SetupView); single words are fine for them.
      'vue/multi-word-component-names': 'off',
    },
  },
);
