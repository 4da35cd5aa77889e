import type { MustActCode, NoticeCode, Status } from '../contract/types.js';

export interface MustAct {
  code: MustActCode;
  /** The UI route of the screen that fixes it (the home screen carries the fixes that are dialogs). */
  route: string;
}

/** The must-act states the home screen already names, with where each is fixed. */
const FROM_NOTICES: Partial<Record<NoticeCode, MustAct>> = {
  'token-rejected': { code: 'token-rejected', route: '/settings?section=bot' },
  'webhook-set': { code: 'webhook-set', route: '/' },
  'api-key-rejected': { code: 'api-key-rejected', route: '/settings?section=api-key' },
  'app-uuid-wrong': { code: 'app-uuid-wrong', route: '/settings?section=app-uuid' },
  'keychain-locked': { code: 'keychain-locked', route: '/' },
  'store-write-failed': { code: 'store-write-failed', route: '/' },
};

const OFFLINE: MustAct = { code: 'offline', route: '/' };

/**
 * The states in which the owner must act, each once. Pure. Offline counts while Telegram has not
 * answered for 20 hours now, not for the hours the app was off before this start: that risk is
 * already taken and the home screen tells it.
 */
export function mustActStates(status: Status): MustAct[] {
  const found = new Map<MustActCode, MustAct>();
  for (const notice of status.notices) {
    const state = FROM_NOTICES[notice.code];
    if (state) found.set(state.code, state);
  }
  if (status.setupComplete && status.bot.retention !== 'ok') found.set(OFFLINE.code, OFFLINE);
  return [...found.values()];
}
