import { describe, expect, it } from 'vitest';
import { apiRootProblem, sameApiRoot } from '../../electron/core/contract/api-root.js';

describe('apiRootProblem', () => {
  it('accepts https anywhere', () => {
    expect(apiRootProblem('https://api.telegram.org')).toBeNull();
    expect(apiRootProblem('https://yespo.io/api/')).toBeNull();
    expect(apiRootProblem('https://10.0.0.5:8443/bot-api')).toBeNull();
  });

  it('accepts plain http only on this computer', () => {
    for (const root of ['http://127.0.0.1:8081', 'http://127.5.6.7', 'http://localhost:3000/api', 'http://LOCALHOST', 'http://[::1]:9000', 'http://127.1']) {
      expect(apiRootProblem(root), root).toBeNull();
    }
  });

  it('refuses plain http to anywhere else, with what to do', () => {
    for (const root of ['http://example.com', 'http://10.0.0.5:8081', 'http://128.0.0.1', 'http://[::2]', 'http://localhost.example.com', 'http://0.0.0.0', 'http://127.0.0.1.nip.io']) {
      expect(apiRootProblem(root), root).toMatch(/^Use an https:\/\/ address/);
    }
  });

  it('refuses what is not an http(s) address', () => {
    expect(apiRootProblem('api.telegram.org')).toMatch(/full address/);
    expect(apiRootProblem('ftp://127.0.0.1')).toMatch(/https:\/\//);
    expect(apiRootProblem('https://user:pass@api.telegram.org')).toMatch(/user name or password/);
  });
});

describe('sameApiRoot', () => {
  it('ignores trailing slashes only', () => {
    expect(sameApiRoot('https://yespo.io/api/', 'https://yespo.io/api')).toBe(true);
    expect(sameApiRoot('https://yespo.io/api', 'https://yespo.io/api/v2')).toBe(false);
    expect(sameApiRoot('http://127.0.0.1:1', 'http://127.0.0.1:2')).toBe(false);
  });
});
