import { ApiFailure } from '../contract/errors.js';
import { extractApiKey, extractAppUuid, extractBotToken } from '../contract/input.js';
import type { BotInfo, BotTokenResult, LiveTest, SetupState, SetupStep, YespoAccount } from '../contract/types.js';
import type { EngineEvents } from '../events.js';
import type { SecretVault } from '../secrets/vault.js';
import type { EngineOverrides, SettingsService } from '../settings/settings-service.js';
import { COLLECTIONS, META } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import { checkYespoKey, EMPTY_SETUP, inspectBot, removeWebhook, type SetupRecord } from './checks.js';

/** What the wizard shows, from the record and the live secrets (hints only) and keychain. */
export async function setupStateOf(record: SetupRecord, complete: boolean, vault: SecretVault): Promise<SetupState> {
  return {
    step: record.step,
    botPath: record.botPath,
    complete,
    bot: record.bot,
    webhook: record.webhook,
    appUuid: record.appUuid,
    yespo: record.yespo,
    secrets: vault.hints(),
    keychain: vault.keychain() ?? (await vault.checkKeychain()),
    liveTestSince: record.liveTestSince,
  };
}

export interface SetupDeps {
  store: Store;
  overrides: EngineOverrides;
  vault: SecretVault;
  settings: SettingsService;
  events: EngineEvents;
  now: () => number;
  commit(tx: Tx): Promise<void>;
  /** The bot as the poller knows it now, else as setup recorded it. */
  currentBot(): BotInfo | null;
  /** The newest subscriber who pressed Start since `since`, for the live test. */
  newestSubscriberSince(botId: number, since: number): LiveTest['subscriber'];
  /** The token or the bot changed: poll again at once. */
  onBotChanged(): void;
  /** The Yespo bot ID or key changed: try the sync again at once. */
  onYespoChanged(): void;
}

/**
 * The setup wizard's steps, each checked live before it is saved, and the record that lets the
 * wizard resume after a restart.
 */
export class SetupService {
  constructor(private readonly deps: SetupDeps) {}

  record(): SetupRecord {
    const stored = this.deps.store.get<SetupRecord>(COLLECTIONS.meta, META.setup) ?? EMPTY_SETUP;
    return { ...stored, appUuid: this.deps.overrides.appUuid ?? stored.appUuid };
  }

  /** Finished in the wizard, or configured by the operator entirely through the environment. */
  complete(): boolean {
    const { vault } = this.deps;
    const fromEnvironment = vault.source === 'environment' && vault.has('botToken') && vault.has('yespoApiKey') && !!this.record().appUuid;
    return this.record().complete || fromEnvironment;
  }

  state(): Promise<SetupState> {
    return setupStateOf(this.record(), this.complete(), this.deps.vault);
  }

  async save(change: Partial<SetupRecord>): Promise<SetupRecord> {
    const next = { ...this.record(), ...change };
    await this.deps.commit(this.deps.store.tx().put(COLLECTIONS.meta, META.setup, next));
    this.deps.events.emit('setup', await this.state());
    return next;
  }

  /** The poller met the bot behind the token: remember it for the screens. */
  rememberBot(bot: BotInfo): void {
    if (this.record().bot?.id !== bot.id) void this.save({ bot }).catch(() => {});
  }

  async saveStep({ step, botPath }: { step: SetupStep; botPath?: SetupState['botPath'] }): Promise<SetupState> {
    const change: Partial<SetupRecord> = { step };
    if (botPath !== undefined) change.botPath = botPath;
    if (step === 'live-test' && this.record().liveTestSince === null) change.liveTestSince = this.deps.now();
    await this.save(change);
    return this.state();
  }

  async setBotToken({ token: pasted }: { token: string }): Promise<BotTokenResult> {
    const token = extractBotToken(pasted);
    if (!token) throw new ApiFailure('token_format', 'This does not look like a bot token. It should look like 123456789:ABC…');
    const root = this.deps.settings.current().telegramApiRoot;
    const found = await inspectBot(token, root);
    await this.deps.vault.save('botToken', token);
    await this.save({ bot: found.bot, webhook: found.webhook, botTokenRoot: root });
    this.deps.onBotChanged();
    return found;
  }

  async switchBotToThisApp(): Promise<BotTokenResult> {
    const { vault } = this.deps;
    const token = vault.usable('botToken');
    if (!token) throw new ApiFailure('not_ready', vault.heldBack('botToken') ? 'The Telegram API address changed: enter the bot token again first.' : 'Enter the bot token first.');
    const root = this.deps.settings.current().telegramApiRoot;
    await removeWebhook(token, root);
    const found = await inspectBot(token, root);
    await this.save({ bot: found.bot, webhook: found.webhook });
    this.deps.onBotChanged();
    return found;
  }

  async setAppUuid({ appUuid: pasted }: { appUuid: string }): Promise<SetupState> {
    const appUuid = extractAppUuid(pasted);
    if (!appUuid) throw new ApiFailure('app_uuid_format', 'This does not look like a bot ID from Yespo. It looks like 1a2b3c4d-1234-5678-9abc-1234567890ab.');
    await this.save({ appUuid });
    this.deps.onYespoChanged();
    return this.state();
  }

  async setYespoApiKey({ apiKey: pasted }: { apiKey: string }): Promise<YespoAccount> {
    const apiKey = extractApiKey(pasted);
    if (!apiKey) throw new ApiFailure('api_key_format', 'This does not look like a Yespo API key. Copy it again from Settings → API.');
    const root = this.deps.settings.current().yespoApiRoot;
    const account = await checkYespoKey(root, apiKey);
    await this.deps.vault.save('yespoApiKey', apiKey);
    await this.save({ yespo: account, yespoKeyRoot: root });
    this.deps.onYespoChanged();
    return account;
  }

  async completeSetup(): Promise<SetupState> {
    const { vault } = this.deps;
    if (!vault.has('botToken')) throw new ApiFailure('not_ready', 'The bot token is missing: go back to the bot step.');
    if (!this.record().appUuid) throw new ApiFailure('not_ready', 'The Yespo bot ID is missing: go back to the Yespo step.');
    if (!vault.has('yespoApiKey')) throw new ApiFailure('not_ready', 'The Yespo API key is missing: go back to the API key step.');
    await this.save({ complete: true, step: 'done' });
    return this.state();
  }

  /** Forgets the wizard's progress, together with whatever else `tx` holds (the subscribers, when asked). */
  async reset(tx: Tx): Promise<SetupState> {
    await this.deps.commit(tx.put(COLLECTIONS.meta, META.setup, EMPTY_SETUP));
    const state = await this.state();
    this.deps.events.emit('setup', state);
    return state;
  }

  botUsername(): string {
    const username = this.deps.currentBot()?.username;
    if (!username) throw new ApiFailure('not_ready', 'Connect the bot first: its username is needed for the link.');
    return username;
  }

  liveTest(): LiveTest {
    const record = this.record();
    const since = record.liveTestSince;
    const botId = record.bot?.id;
    return {
      link: `https://t.me/${this.botUsername()}`,
      since,
      subscriber: since !== null && botId !== undefined ? this.deps.newestSubscriberSince(botId, since) : null,
    };
  }
}
