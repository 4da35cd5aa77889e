import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const yespo = fileURLToPath(new URL('../../electron/core/yespo', import.meta.url));

it('every Yespo module does one job: none is over 350 lines', () => {
  const long = readdirSync(yespo)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, lines: readFileSync(`${yespo}/${name}`, 'utf8').split('\n').length - 1 }))
    .filter((file) => file.lines > 350);
  expect(long).toEqual([]);
});
