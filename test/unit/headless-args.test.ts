import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../electron/headless/args.js';

describe('headless command line', () => {
  it('defaults to a free port on 127.0.0.1 with nothing else set', () => {
    expect(parseArgs([])).toEqual({ host: '127.0.0.1', port: 0, help: false });
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
    [['--host', '0.0.0.0'], /not the wildcard/],
    [['--host', '::'], /not the wildcard/],
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
