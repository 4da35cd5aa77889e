import { describe, expect, it } from 'vitest';
import { addressScope, remoteWarning, unbracket } from '../../electron/headless/listen-address.js';

describe('headless listen address', () => {
  it.each(['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'localhost', 'LOCALHOST'])(
    'counts %s as loopback',
    (address) => {
      expect(addressScope(address)).toBe('loopback');
    },
  );

  it.each(['0.0.0.0', '::', '::0', '0::0', '0000::', '0:0:0:0:0:0:0:0', '::ffff:0.0.0.0', '::ffff:0:0', '::0.0.0.0'])(
    'counts %s as every interface',
    (address) => {
      expect(addressScope(address)).toBe('unspecified');
    },
  );

  it.each(['192.168.1.5', '10.0.0.1', '128.0.0.1', '::ffff:192.168.1.1', '::127.0.0.1', 'fe80::1', 'fe80::1%eth0', '2001:db8::1'])(
    'counts %s as reachable from other machines',
    (address) => {
      expect(addressScope(address)).toBe('remote');
    },
  );

  it.each(['0', '127.1', '00.0.0.0', '[::]', 'example.com', '', '::1::', '256.0.0.1'])('does not take %j for an address', (text) => {
    expect(addressScope(text)).toBeUndefined();
  });

  it('drops the brackets of an IPv6 address copied from a URL, and nothing else', () => {
    expect(unbracket('[::]')).toBe('::');
    expect(unbracket('[::1]')).toBe('::1');
    expect(unbracket('::1')).toBe('::1');
    expect(unbracket('[::1')).toBe('[::1');
    expect(unbracket('127.0.0.1')).toBe('127.0.0.1');
  });

  it('warns about every address but loopback, naming what it opens', () => {
    expect(remoteWarning('127.0.0.1')).toBeUndefined();
    expect(remoteWarning('::1')).toBeUndefined();
    expect(remoteWarning('localhost')).toBeUndefined();
    expect(remoteWarning('::0')).toMatch(/^Warning: listening on every network interface .*"::0".*--allow-remote/);
    expect(remoteWarning('192.168.1.5')).toMatch(/^Warning: listening on 192\.168\.1\.5, which other machines can reach/);
  });
});
