import type { EngineApi } from '../contract/api.js';
import { ApiFailure } from '../contract/errors.js';
import { NO_HOST_CAPABILITIES, NO_UPDATES, type Host } from '../contract/host.js';

/** The API methods the host answers, the same in every phase of the engine. */
export function hostCalls(host: Host | null, dataDir: string): Pick<EngineApi, 'getHostCapabilities' | 'showDataFolder' | 'getUpdateState'> {
  return {
    getHostCapabilities: async () => host?.capabilities ?? NO_HOST_CAPABILITIES,
    async showDataFolder() {
      if (!host?.capabilities.showFolder) throw new ApiFailure('not_available', 'This app cannot open folders here; the folder is shown in the status.');
      await host.showFolder(dataDir);
      return null;
    },
    getUpdateState: async () => host?.updates?.state() ?? NO_UPDATES,
  };
}
