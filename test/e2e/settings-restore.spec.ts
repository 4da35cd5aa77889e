import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BackupService } from '../../electron/core/backup/backup-service.js';
import { signPayload, verifyPayload } from '../../electron/core/links/signing.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { SecretVault } from '../../electron/core/secrets/vault.js';
import { COLLECTIONS, subscriberKey } from '../../electron/core/store/schema.js';
import { Store } from '../../electron/core/store/store.js';
import { testFileSaver } from '../support/file-saver.js';
import { tempDir } from '../support/temp-dir.js';
import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';

const PASSPHRASE = 'sunflower field by the sea';
const LINK_KEY = 'b2xkLWNvbXB1dGVyLWxpbmsta2V5LTAxMjM0NTY3ODk';
const OLD_BOT = { id: 6001, username: 'old_shop_bot' };

/** A backup made on the old computer, of another bot, with two subscribers and its link key. */
async function oldComputersBackup(): Promise<{ file: string; remove: () => void }> {
  const folder = tempDir('tcy-e2e-backup-');
  const store = await Store.open(path.join(folder.dir, 'store'));
  await store.commit(
    store
      .tx()
      .put(COLLECTIONS.subscribers, subscriberKey(OLD_BOT.id, 11), { botId: OLD_BOT.id, chatId: 11, name: 'Olena', state: 'active', yespo: { state: 'synced' } })
      .put(COLLECTIONS.subscribers, subscriberKey(OLD_BOT.id, 12), { botId: OLD_BOT.id, chatId: 12, name: 'Taras', state: 'active', yespo: { state: 'synced' } }),
  );
  const vault = new SecretVault({ secrets: createMemorySecrets({ linkSecret: LINK_KEY }), onKeychainChange: () => {} });
  await vault.load();
  mkdirSync(path.join(folder.dir, 'saves'));
  const saver = testFileSaver(path.join(folder.dir, 'saves'));
  const service = new BackupService({
    store,
    saver,
    vault,
    host: null,
    dataDir: folder.dir,
    version: '0.0.1',
    now: Date.now,
    bot: () => OLD_BOT,
    commit: (tx) => store.commit(tx),
    pause: async () => {},
    resume: () => {},
  });
  await service.backup(PASSPHRASE);
  await store.close();
  return { file: saver.lastPath(), remove: folder.remove };
}

withBot('Settings restores an uploaded backup of another bot once she confirms, with its link key', async ({ page, headlessShell }) => {
  const backup = await oldComputersBackup();
  try {
    await page.goto(headlessShell.link);
    await expect(page.getByRole('status')).toContainText('@corner_shop_bot');
    await page.getByRole('link', { name: 'Settings' }).click();

    await page.getByTestId('restore-file').setInputFiles(backup.file);
    const passphrase = page.getByTestId('restore-passphrase').locator('input');
    await passphrase.fill('not the passphrase');
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByText('This passphrase doesn’t open the backup. Nothing was changed')).toBeVisible();

    await passphrase.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByText('The backup belongs to @old_shop_bot, but this app now serves @corner_shop_bot.')).toBeVisible();
    await page.getByRole('button', { name: 'Restore anyway' }).click();

    const summary = page.getByTestId('restore').getByRole('alert');
    await expect(summary).toContainText('Subscribers brought back: 2');
    await expect(summary).toContainText('The key that signs your website links is back in the password store.');

    await page.getByTestId('link-key-reveal').click();
    const key = await page.getByTestId('link-key').inputValue();
    expect(verifyPayload(key, signPayload(LINK_KEY, 'externalCustomerId', 'crm-7')!)).toEqual({ kind: 'externalCustomerId', value: 'crm-7' });
  } finally {
    backup.remove();
  }
});
