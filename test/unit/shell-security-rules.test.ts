import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-url.js';
import { isSafeExternalUrl } from '../../electron/main/external-url.js';
import { isPermissionAllowed, isTrustedSender } from '../../electron/main/trusted-sender.js';

const allowed = [APP_ORIGIN];

describe('isTrustedSender', () => {
  it('accepts the main frame on our origin', () => {
    expect(isTrustedSender('app://app/index.html', true, allowed)).toBe(true);
    expect(isTrustedSender('app://app/index.html#/settings', true, allowed)).toBe(true);
  });

  it('refuses subframes, other origins and missing URLs', () => {
    expect(isTrustedSender('app://app/index.html', false, allowed)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, allowed)).toBe(false);
    expect(isTrustedSender('app://evil/index.html', true, allowed)).toBe(false);
    expect(isTrustedSender('app://app.evil/index.html', true, allowed)).toBe(false);
    expect(isTrustedSender('file:///opt/app/dist/index.html', true, allowed)).toBe(false);
    expect(isTrustedSender('about:blank', true, allowed)).toBe(false);
    expect(isTrustedSender('', true, allowed)).toBe(false);
    expect(isTrustedSender(null, true, allowed)).toBe(false);
    expect(isTrustedSender(undefined, true, allowed)).toBe(false);
  });

  it('accepts the dev server only when it is an allowed origin, port included', () => {
    const dev = [APP_ORIGIN, 'http://localhost:5173'];
    expect(isTrustedSender('http://localhost:5173/', true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, allowed)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('allows only clipboard writes from our own main frame', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://app/index.html', true, allowed)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://app/index.html', false, allowed)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', true, allowed)).toBe(false);
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(permission, 'app://app/index.html', true, allowed), permission).toBe(false);
    }
  });
});

describe('isSafeExternalUrl', () => {
  it('allows https links to a named host', () => {
    expect(isSafeExternalUrl('https://t.me/BotFather')).toBe(true);
    expect(isSafeExternalUrl('https://yespo.io/my-bots?x=1#y')).toBe(true);
  });

  it('refuses every other scheme and credentials in the URL', () => {
    for (const url of [
      'http://yespo.io/',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'tg://resolve?domain=x',
      'app://app/index.html',
      'data:text/html,hi',
      'https://user:pass@yespo.io/',
      'https://user@yespo.io/',
      'not a url',
      '',
      `https://yespo.io/${'a'.repeat(2100)}`,
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
