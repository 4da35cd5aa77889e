import { describe, expect, it } from 'vitest';
import { publishFromEnv } from '../../scripts/update-publish.js';

describe('publishFromEnv: where a build looks for updates', () => {
  it('is off (null, so electron-builder writes no app-update.yml) when neither variable is set', () => {
    expect(publishFromEnv({})).toBeNull();
    expect(publishFromEnv({ TCY_UPDATE_URL: '  ', TCY_UPDATE_GITHUB: '' })).toBeNull();
  });

  it('stays off when only a GitHub token is around, which electron-builder would otherwise take as "publish to GitHub"', () => {
    expect(publishFromEnv({ GH_TOKEN: 'x', GITHUB_TOKEN: 'y' })).toBeNull();
  });

  it('takes a generic https address', () => {
    expect(publishFromEnv({ TCY_UPDATE_URL: ' https://updates.example.com/tcy/ ' })).toEqual([{ provider: 'generic', url: 'https://updates.example.com/tcy/' }]);
  });

  it('takes plain http only for this computer (a test server)', () => {
    expect(publishFromEnv({ TCY_UPDATE_URL: 'http://127.0.0.1:8080/' })).toEqual([{ provider: 'generic', url: 'http://127.0.0.1:8080/' }]);
    expect(() => publishFromEnv({ TCY_UPDATE_URL: 'http://updates.example.com/' })).toThrow(/TCY_UPDATE_URL must start with https:\/\//);
    expect(() => publishFromEnv({ TCY_UPDATE_URL: 'updates.example.com' })).toThrow(/TCY_UPDATE_URL must start with https:\/\//);
  });

  it('takes a public GitHub repository as owner/repo', () => {
    expect(publishFromEnv({ TCY_UPDATE_GITHUB: 'yespo/telegram-connector' })).toEqual([{ provider: 'github', owner: 'yespo', repo: 'telegram-connector', releaseType: 'release' }]);
  });

  it('says what to write when the repository is not owner/repo', () => {
    for (const bad of ['yespo', 'https://github.com/yespo/x', 'a/b/c', 'yespo/']) {
      expect(() => publishFromEnv({ TCY_UPDATE_GITHUB: bad }), bad).toThrow(/TCY_UPDATE_GITHUB must be owner\/repo, for example yespo\/telegram-connector/);
    }
  });

  it('refuses both at once rather than picking one silently', () => {
    expect(() => publishFromEnv({ TCY_UPDATE_URL: 'https://u.example.com/', TCY_UPDATE_GITHUB: 'a/b' })).toThrow(/either TCY_UPDATE_URL or TCY_UPDATE_GITHUB, not both/);
  });
});
