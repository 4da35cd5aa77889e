import { describe, expect, it } from 'vitest';
import {
  apiKeyProblem,
  appUuidProblem,
  botTokenProblem,
  customerIdProblem,
  extractApiKey,
  extractAppUuid,
  extractBotToken,
  idPrefixProblem,
  webhookHost,
} from '../../electron/core/contract/input.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
const OTHER_TOKEN = '987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw2';
const UUID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

describe('extractBotToken', () => {
  it('takes a bare token', () => {
    expect(extractBotToken(TOKEN)).toBe(TOKEN);
  });

  it('trims spaces, tabs and line breaks', () => {
    expect(extractBotToken(`  \n\t${TOKEN} \r\n`)).toBe(TOKEN);
  });

  it("finds the token in BotFather's whole message", () => {
    const message = [
      'Done! Congratulations on your new bot. You will find it at t.me/flowers_shop_bot.',
      'Use this token to access the HTTP API:',
      TOKEN,
      'Keep your token secure and store it safely, it can be used by anyone to control your bot.',
      'For a description of the Bot API, see this page: https://core.telegram.org/bots/api',
    ].join('\n');
    expect(extractBotToken(message)).toBe(TOKEN);
  });

  it('finds it on the same line as the surrounding text', () => {
    expect(extractBotToken(`Use this token to access the HTTP API: ${TOKEN}`)).toBe(TOKEN);
  });

  it('unwraps backticks and quotes', () => {
    expect(extractBotToken(`\`${TOKEN}\``)).toBe(TOKEN);
    expect(extractBotToken(`"${TOKEN}"`)).toBe(TOKEN);
  });

  it('accepts the same token pasted twice', () => {
    expect(extractBotToken(`${TOKEN}\n${TOKEN}`)).toBe(TOKEN);
  });

  it('refuses two different tokens as ambiguous', () => {
    expect(extractBotToken(`${TOKEN} ${OTHER_TOKEN}`)).toBeNull();
    expect(botTokenProblem(`${TOKEN} ${OTHER_TOKEN}`)).toBe('ambiguous');
  });

  it('refuses text that holds no token', () => {
    for (const text of ['', '   ', 'hello', '123456789', ':AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1', 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1']) {
      expect(extractBotToken(text), text).toBeNull();
    }
  });

  it('refuses a token cut short or glued to other characters', () => {
    expect(extractBotToken('123456789:AAHdqTcvCH1vGW')).toBeNull();
    expect(extractBotToken(`${TOKEN}é`)).toBe(TOKEN);
    expect(extractBotToken(`x${TOKEN}`)).toBeNull();
    expect(extractBotToken(`${TOKEN}${'a'.repeat(20)}`)).toBeNull();
    expect(extractBotToken(`${TOKEN}: that is it`)).toBe(TOKEN);
  });

  it('refuses a token with a space inside', () => {
    expect(extractBotToken('123456789: AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1')).toBeNull();
  });
});

describe('botTokenProblem', () => {
  it('has no problem with a token in any wrapping', () => {
    expect(botTokenProblem(TOKEN)).toBeNull();
    expect(botTokenProblem(`Use this token to access the HTTP API:\n\`${TOKEN}\``)).toBeNull();
  });

  it('names each problem', () => {
    expect(botTokenProblem('')).toBe('empty');
    expect(botTokenProblem(' \n ')).toBe('empty');
    expect(botTokenProblem('123456789:AAHdqTc')).toBe('partial');
    expect(botTokenProblem('123456789:')).toBe('partial');
    expect(botTokenProblem('my bot is @flowers_shop_bot')).toBe('shape');
    expect(botTokenProblem(UUID)).toBe('shape');
  });
});

describe('extractAppUuid', () => {
  it('takes a bare UUID and lowercases it', () => {
    expect(extractAppUuid(UUID)).toBe(UUID);
    expect(extractAppUuid(UUID.toUpperCase())).toBe(UUID);
  });

  it('trims and accepts text around it', () => {
    expect(extractAppUuid(`  app_uuid: ${UUID}\n`)).toBe(UUID);
    expect(extractAppUuid(`ID «${UUID}»`)).toBe(UUID);
  });

  it('takes it from a Yespo API address', () => {
    expect(extractAppUuid(`https://yespo.io/api/v1/apps/${UUID.toUpperCase()}/tokens`)).toBe(UUID);
  });

  it('prefers the UUID in /apps/<uuid>/ over other UUIDs in the text', () => {
    const other = '00000000-1111-2222-3333-444444444444';
    expect(extractAppUuid(`request ${other} to https://yespo.io/api/v1/apps/${UUID}/tokens`)).toBe(UUID);
  });

  it('refuses two different UUIDs as ambiguous', () => {
    const other = '00000000-1111-2222-3333-444444444444';
    expect(extractAppUuid(`${UUID} ${other}`)).toBeNull();
    expect(appUuidProblem(`${UUID} ${other}`)).toBe('ambiguous');
    expect(extractAppUuid(`${UUID} ${UUID.toUpperCase()}`)).toBe(UUID);
  });

  it('refuses what is not a UUID', () => {
    for (const text of ['', 'abc', '1b4e28ba-2fa1-11d2-883f', `${UUID}0`, `${UUID}-1`, '1b4e28ba2fa111d2883f0016d3cca427', 'zb4e28ba-2fa1-11d2-883f-0016d3cca427']) {
      expect(extractAppUuid(text), text).toBeNull();
    }
  });
});

describe('appUuidProblem', () => {
  it('has no problem with a UUID', () => {
    expect(appUuidProblem(` ${UUID} `)).toBeNull();
  });

  it('names each problem', () => {
    expect(appUuidProblem('')).toBe('empty');
    expect(appUuidProblem(TOKEN)).toBe('botToken');
    expect(appUuidProblem('1b4e28ba-2fa1-11d2')).toBe('partial');
    expect(appUuidProblem('My shop bot')).toBe('shape');
  });
});

describe('extractApiKey and apiKeyProblem', () => {
  it('trims the key and the quotes around it', () => {
    expect(extractApiKey('  A1B2C3D4E5F6A7B8C9D0  ')).toBe('A1B2C3D4E5F6A7B8C9D0');
    expect(extractApiKey('"A1B2C3D4E5F6A7B8C9D0"\n')).toBe('A1B2C3D4E5F6A7B8C9D0');
    expect(extractApiKey('`A1B2C3D4E5F6A7B8C9D0`')).toBe('A1B2C3D4E5F6A7B8C9D0');
  });

  it('takes away quotes and spaces in any mix (found by the property test)', () => {
    expect(extractApiKey('########‘ ”')).toBe('########');
    expect(extractApiKey(`' "A1B2C3D4E5F6A7B8C9D0" '\n`)).toBe('A1B2C3D4E5F6A7B8C9D0');
  });

  it('names each problem', () => {
    expect(apiKeyProblem('  ')).toBe('empty');
    expect(apiKeyProblem(TOKEN)).toBe('botToken');
    expect(apiKeyProblem('A1B2C3 D4E5F6A7B8')).toBe('spaces');
    expect(apiKeyProblem('A1B2')).toBe('short');
    expect(apiKeyProblem('A'.repeat(1001))).toBe('long');
    expect(apiKeyProblem('A1B2C3D4E5F6A7B8C9D0')).toBeNull();
  });

  it('gives no key when there is a problem', () => {
    expect(extractApiKey('A1B2 C3D4 E5F6')).toBeNull();
    expect(extractApiKey('')).toBeNull();
  });
});

describe('idPrefixProblem', () => {
  it('accepts the engine rule: up to 20 of letters, digits and _ . : -', () => {
    expect(idPrefixProblem('tg-')).toBeNull();
    expect(idPrefixProblem('')).toBeNull();
    expect(idPrefixProblem('Shop_1.tg:')).toBeNull();
    expect(idPrefixProblem('a'.repeat(20))).toBeNull();
  });

  it('names each problem', () => {
    expect(idPrefixProblem('a'.repeat(21))).toBe('long');
    expect(idPrefixProblem('tg ')).toBe('characters');
    expect(idPrefixProblem('тг-')).toBe('characters');
  });
});

describe('customerIdProblem', () => {
  it('accepts 1 to 34 bytes once trimmed', () => {
    expect(customerIdProblem(' 12345 ')).toBeNull();
    expect(customerIdProblem('x'.repeat(34))).toBeNull();
    expect(customerIdProblem('  ')).toBe('empty');
    expect(customerIdProblem('x'.repeat(35))).toBe('long');
    expect(customerIdProblem('ї'.repeat(18))).toBe('long');
  });
});

describe('webhookHost', () => {
  it('shows only the host, never the path or credentials', () => {
    expect(webhookHost('https://hooks.example.com/telegram/secret-path?token=abc')).toBe('hooks.example.com');
    expect(webhookHost('https://user:pass@hooks.example.com:8443/x')).toBe('hooks.example.com:8443');
  });

  it('copes with something that is not a full URL', () => {
    expect(webhookHost('hooks.example.com/telegram/abc')).toBe('hooks.example.com');
    expect(webhookHost('user:pw@hooks.example.com/a')).toBe('hooks.example.com');
  });
});
