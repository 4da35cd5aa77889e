import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layer rule's findings for `code` as if it stood in `file`. */
async function layerFindings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers, enforced by ESLint', () => {
  it('the engine may not import a shell, the UI or electron', async () => {
    expect(await layerFindings('electron/core/telegram/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await layerFindings('electron/core/x.ts', "import { startHeadlessServer } from '../headless/server.js';\nexport const a = startHeadlessServer;\n")).toEqual([expect.stringContaining('electron/core imports nothing')]);
    expect(await layerFindings('electron/core/yespo/x.ts', "import { TRAY_STATES } from '../../main/tray-state.js';\nexport const a = TRAY_STATES;\n")).toHaveLength(1);
    expect(await layerFindings('electron/core/x.ts', "import { redact } from './redact.js';\nexport const a = redact;\n")).toEqual([]);
  });

  it('the renderer may import the contract from electron/ and nothing else', async () => {
    expect(await layerFindings('renderer/src/x.ts', "import { createEngine } from '../../electron/core/engine.js';\nexport const a = createEngine;\n")).toEqual([expect.stringContaining('only the contract')]);
    expect(await layerFindings('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await layerFindings('renderer/src/views/x.ts', "import { METHODS } from '../../../electron/core/contract/methods.js';\nexport const a = METHODS;\n")).toEqual([]);
  });

  it('the two shells do not import each other', async () => {
    expect(await layerFindings('electron/main/x.ts', "import { parseArgs } from '../headless/args.js';\nexport const a = parseArgs;\n")).toHaveLength(1);
    expect(await layerFindings('electron/headless/x.ts', "import { trayState } from '../main/tray-state.js';\nexport const a = trayState;\n")).toHaveLength(1);
    expect(await layerFindings('electron/headless/x.ts', "import { redact } from '../core/redact.js';\nexport const a = redact;\n")).toEqual([]);
  });
});
