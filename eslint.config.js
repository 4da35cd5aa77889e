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
