import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/** The link-signing key as a backup holds it: sealed with a key derived from the owner's passphrase. */
export interface SealedKey {
  kdf: 'scrypt';
  /** scrypt's cost parameters, kept with the key so a later version can raise them and still open old backups. */
  n: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

/** 2^15 costs about 32 MB and a tenth of a second: cheap once, slow for guessing. */
const COST = { n: 2 ** 15, r: 8, p: 1 };

function derive(passphrase: string, salt: Buffer, cost: { n: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: cost.n, r: cost.r, p: cost.p, maxmem: 256 * cost.n * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function sealKey(secret: string, passphrase: string): Promise<SealedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, COST), iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { kdf: 'scrypt', ...COST, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The key, or null when the passphrase is not the one it was sealed with (or the sealed key was altered). */
export async function openKey(sealed: SealedKey, passphrase: string): Promise<string | null> {
  if (sealed.kdf !== 'scrypt' || ![sealed.n, sealed.r, sealed.p].every((x) => Number.isSafeInteger(x) && x > 0) || sealed.n > 2 ** 20 || sealed.r > 32 || sealed.p > 16) {
    return null;
  }
  const key = await derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  try {
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
