/*
 * The sandboxed preload: CommonJS, and only `electron` is required at run time (a sandboxed preload
 * cannot load other modules); the contract's method list is bundled into this file by Vite.
 * `require` instead of `import` because TypeScript forbids ES imports in a .cts file under
 * verbatimModuleSyntax; `import type` lines are erased.
 */
import type { WindowApi } from '../core/contract/api.js';

const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');
const { buildWindowApi } = require('./window-api.js') as typeof import('./window-api.js');

const api: WindowApi = buildWindowApi(ipcRenderer);
contextBridge.exposeInMainWorld('api', api);
