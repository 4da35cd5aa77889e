import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../electron/headless/args.js';

describe('headless command line', () => {
  it('defaults to a free port on 127.0.0.1 with nothing else set', () => {
    expect(parseArgs([])).toEqual({ host: '127.0.0.1', port: 0, allowRemote: false, help: false });
  });

  it('reads every flag, in both the spaced and the = form', () => {
    const args = parseArgs([
      '--data-dir',
      '/tmp/data',
      '--host=::1',
      '--port',
      '8123',
      '--telegram-api-root=http://127.0.0.1:9001/',
      '--yespo-api-root',
      'https://yespo.example/api',
      '--token',
      'abcdefghijklmnop-_.~',
    ]);
    expect(args).toEqual({
      dataDir: '/tmp/data',
      host: '::1',
      port: 8123,
      telegramApiRoot: 'http://127.0.0.1:9001',
      yespoApiRoot: 'https://yespo.example/api',
      token: 'abcdefghijklmnop-_.~',
      allowRemote: false,
      help: false,
    });
  });

  it('asks for help with --help or -h', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--port', '65536'], /--port must be a number from 0 to 65535/],
    [['--port', '-1'], /--port must be a number/],
    [['--port', '80x'], /--port must be a number/],
    [['--host', 'example.com'], /--host must be an IP address/],
    [['--host', '0.0.0.0'], /every network interface.*--allow-remote/],
    [['--host', '::'], /every network interface.*--allow-remote/],
    [['--allow-remote=yes'], /--allow-remote takes no value/],
    [['--allow-remote', '--allow-remote'], /--allow-remote is given twice/],
    [['--telegram-api-root', 'api.telegram.org'], /--telegram-api-root must be a full URL/],
    [['--yespo-api-root', 'ftp://yespo.io'], /--yespo-api-root must start with http:\/\/ or https:\/\//],
    [['--token', 'short'], /--token must be 16 to 256 characters/],
    [['--token', 'has spaces in it, which a URL would mangle'], /--token must be/],
    [['--data-dir'], /--data-dir needs a value/],
    [['--data-dir='], /--data-dir needs a value/],
    [['--data-dir', '--port', '1'], /--data-dir needs a value/],
    [['--port', '1', '--port', '2'], /--port is given twice/],
    [['--verbose'], /Unknown option --verbose/],
    [['--verbose=1'], /Unknown option --verbose\./],
    [['serve'], /Unexpected argument "serve"/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(ArgsError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it.each(['::0', '0:0:0:0:0:0:0:0', '[::]', '::ffff:0.0.0.0', '0000::', '::0.0.0.0'])('refuses the wildcard spelled %s unless --allow-remote is given', (host) => {
    expect(() => parseArgs(['--host', host])).toThrow(ArgsError);
    expect(() => parseArgs(['--host', host])).toThrow(/every network interface.*--allow-remote/);
    expect(parseArgs(['--host', host, '--allow-remote'])).toMatchObject({ host: host.replace(/^\[|\]$/g, ''), allowRemote: true });
  });

  it.each(['192.168.1.5', '10.0.0.1', '::ffff:192.168.1.1', 'fe80::1%eth0'])('refuses %s, reachable from other machines, unless --allow-remote is given', (host) => {
    expect(() => parseArgs(['--host', host])).toThrow(/other machines.*--allow-remote/);
    expect(parseArgs(['--allow-remote', '--host', host])).toMatchObject({ host, allowRemote: true });
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost'])('listens on loopback %s without --allow-remote', (host) => {
    expect(parseArgs(['--host', host]).host).toBe(host.replace(/^\[|\]$/g, ''));
  });

  it('refuses a shorthand such as "0" that is not a full address, even with --allow-remote', () => {
    expect(() => parseArgs(['--host', '0', '--allow-remote'])).toThrow(/--host must be an IP address/);
    expect(() => parseArgs(['--host', '127.1'])).toThrow(/--host must be an IP address/);
  });

  it('takes the access token from TCY_HEADLESS_TOKEN, so it stays out of the process list', () => {
    expect(parseArgs([], { TCY_HEADLESS_TOKEN: 'from-the-environment-0123' }).token).toBe('from-the-environment-0123');
    expect(parseArgs([], { TCY_HEADLESS_TOKEN: '' }).token).toBeUndefined();
    expect(parseArgs([], {}).token).toBeUndefined();
  });

  it('lets --token win over TCY_HEADLESS_TOKEN', () => {
    expect(parseArgs(['--token', 'from-the-command-line'], { TCY_HEADLESS_TOKEN: 'from-the-environment-0123' }).token).toBe('from-the-command-line');
  });

  it('explains a malformed TCY_HEADLESS_TOKEN by its name', () => {
    expect(() => parseArgs([], { TCY_HEADLESS_TOKEN: 'short' })).toThrow(ArgsError);
    expect(() => parseArgs([], { TCY_HEADLESS_TOKEN: 'short' })).toThrow(/^TCY_HEADLESS_TOKEN must be 16 to 256 characters/);
  });
});
