import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import electron from 'vite-plugin-electron';

const root = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const headlessEntry = `${root}/electron/headless/main.ts`;

const packageJson = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { dependencies?: Record<string, string> };
const dependencies = Object.keys(packageJson.dependencies ?? {});
const builtins = new Set(builtinModules);

/** Installed next to the app (and native addons cannot be bundled), so imported at run time. */
function isExternal(id: string): boolean {
  if (id.startsWith('node:') || builtins.has(id) || id === 'electron' || id.startsWith('electron/')) return true;
  return dependencies.some((name) => id === name || id.startsWith(`${name}/`));
}

/** Node-side bundles: dependencies stay external (installed next to the app), built-ins too. */
function nodeBundle(entry: string, fileName: string, format: 'es' | 'cjs'): { entry: string; vite: InlineConfig } {
  return {
    entry,
    vite: {
      configFile: false,
      build: {
        outDir: `${root}/dist-electron`,
        emptyOutDir: false,
        sourcemap: true,
        minify: false,
        lib: { entry, formats: [format], fileName: () => fileName },
        rolldownOptions: { external: isExternal },
      },
    },
  };
}

// `web` mode builds only the renderer (the headless shell serves it); `test` mode is Vitest.
export default defineConfig(({ mode }) => ({
  root: rendererRoot,
  base: './',
  plugins: [
    vue(),
    ...(mode === 'web' || mode === 'test'
      ? []
      : [
          electron([
            nodeBundle(`${root}/electron/main/main.ts`, 'main.js', 'es'),
            nodeBundle(`${root}/electron/preload/preload.cts`, 'preload.cjs', 'cjs'),
            ...(existsSync(headlessEntry) ? [nodeBundle(headlessEntry, 'headless.js', 'es')] : []),
          ]),
        ]),
  ],
  build: {
    outDir: `${root}/dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: false },
}));
