/**
 * Where a packaged app looks for its updates, chosen when it is built. electron-builder.yml extends
 * this file because `${env.X}` in YAML fails the build when X is unset, and updates are optional.
 */
import { apiRootProblem } from '../electron/core/contract/api-root.js';

type Publish = [{ provider: 'generic'; url: string }] | [{ provider: 'github'; owner: string; repo: string; releaseType: 'release' }];

const GITHUB_REPO = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/**
 * Null turns updates off: electron-builder then writes no app-update.yml, and the app never starts
 * its updater. An explicit null also stops electron-builder from guessing GitHub from a GH_TOKEN.
 */
export function publishFromEnv(env: Record<string, string | undefined>): Publish | null {
  const url = env.TCY_UPDATE_URL?.trim() ?? '';
  const github = env.TCY_UPDATE_GITHUB?.trim() ?? '';
  if (url && github) throw new Error('Set either TCY_UPDATE_URL or TCY_UPDATE_GITHUB, not both: the app follows one update feed.');
  if (url) {
    if (apiRootProblem(url)) {
      throw new Error(`TCY_UPDATE_URL must start with https:// (plain http:// only for this computer), for example https://updates.example.com/tcy/; it is "${url}".`);
    }
    return [{ provider: 'generic', url }];
  }
  if (github) {
    const match = GITHUB_REPO.exec(github);
    if (!match) throw new Error(`TCY_UPDATE_GITHUB must be owner/repo, for example yespo/telegram-connector; it is "${github}".`);
    return [{ provider: 'github', owner: match[1], repo: match[2], releaseType: 'release' }];
  }
  return null;
}

/** electron-builder calls this when it reads the configuration, so the variables of that build count. */
export default function updateFeed(): { publish: Publish | null } {
  return { publish: publishFromEnv(process.env) };
}
