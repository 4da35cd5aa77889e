import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { signPayload } from '../../electron/core/links/signing.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
function block(lang: string): string {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme);
  if (!m) throw new Error(`README has no ${lang} block`);
  return m[1];
}
const key = 'Zr0dXhK3n1vQ9yJp6TqWc2bLmS8uA4eFgH5iRjNkOoE';
const ids = ['crm-0042', 'Олена-7'];

describe('the README’s website snippets make the links the app trusts', () => {
  it('Node.js', () => {
    const telegramLink = new Function('require', `${block('js')}; return telegramLink;`)(createRequire(import.meta.url)) as (b: string, k: string, id: string) => string;
    for (const id of ids) expect(telegramLink('shop_bot', key, id)).toBe(`https://t.me/shop_bot?start=${signPayload(key, 'externalCustomerId', id)}`);
  });

  it('Python', () => {
    const script = `${block('python')}\nimport sys\nfor i in sys.argv[1:]: print(telegram_link("shop_bot", ${JSON.stringify(key)}, i))`;
    const run = spawnSync('python3', ['-c', script, ...ids], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(ids.map((id) => `https://t.me/shop_bot?start=${signPayload(key, 'externalCustomerId', id)}`));
  });
});
