import type { ActionCode, NoticeCode } from '../../../../electron/core/contract/types.js';

export default {
  notices: {
    'setup-incomplete': 'Setup isn’t finished yet. Finish it, and your bot starts collecting subscribers.',
    'all-good': 'Your bot is receiving subscribers. Everything is in Yespo.',
    starting: 'Starting up and connecting to Telegram…',
    'pushes-waiting':
      'Yespo is not reachable right now. {pending} subscriber is saved and will be sent automatically. | Yespo is not reachable right now. {pending} subscribers are saved and will be sent automatically.',
    'token-rejected': 'Telegram no longer accepts this bot token. It was probably changed in {\'@\'}BotFather.',
    'webhook-set': 'Another service is receiving this bot’s messages, so this app can’t. Switch the bot to this app?',
    'second-poller': 'Another copy of this app, or another program, is reading this bot’s messages. Close it, or only one will get new subscribers.',
    'telegram-unreachable': 'Telegram can’t be reached right now — is the internet down? The app keeps trying, and Telegram holds new subscribers for 24 hours.',
    'rate-limited': 'Telegram asked the app to wait. It tries again at {at} by itself; new subscribers wait in Telegram meanwhile.',
    'api-key-rejected': 'Yespo doesn’t accept this API key. Keys stop working after 90 days without use.',
    'api-key-idle':
      'This Yespo API key hasn’t been used for {days} day. Yespo switches keys off after 90 days without use. | This Yespo API key hasn’t been used for {days} days. Yespo switches keys off after 90 days without use.',
    'app-uuid-wrong': 'Yespo doesn’t know this bot ID (app_uuid). Copy it again in Yespo from Settings → My bots.',
    'keychain-locked': 'Your computer’s password store is locked, so the app can’t read its keys.',
    'offline-warning':
      'The app was off for {hours} hour. Telegram keeps new subscribers for 24 hours — keep the app running, or use start at login. | The app was off for {hours} hours. Telegram keeps new subscribers for 24 hours — keep the app running, or use start at login.',
    'offline-exceeded':
      'The app was off for {hours} hour — longer than the 24 hours Telegram keeps new subscribers, so some who pressed Start meanwhile may be missing. Keep the app running, or use start at login. | The app was off for {hours} hours — longer than the 24 hours Telegram keeps new subscribers, so some who pressed Start meanwhile may be missing. Keep the app running, or use start at login.',
    'store-write-failed': 'The app can’t save data (disk full or no permission). It has paused; nothing is lost yet.',
    'store-recovered': 'A damaged data file was found and put aside rather than silently reset. It is here: {folder}',
    'log-file-failed': "The app can't write its log file (the disk is full or the folder is read-only). It keeps working; only its log is not saved. The folder: {folder}",
    'push-rejected':
      'Yespo refused {failed} subscriber. See why in Delivery failures. | Yespo refused {failed} subscribers. See why in Delivery failures.',
    'activity-forbidden':
      'This API key may not read Yespo’s delivery reports, so newsletters that didn’t arrive aren’t listed here. Give the key full access to the API in Yespo.',
    paused: 'Paused. Nothing is sent to Yespo, and new subscribers wait in Telegram for up to 24 hours.',
  } satisfies Record<NoticeCode, string>,
  actions: {
    'finish-setup': 'Finish setup',
    'retry-sync': 'Retry now',
    'enter-token': 'Enter the new token',
    'switch-bot': 'Switch the bot to this app',
    'enter-api-key': 'Enter a new key',
    'enter-app-uuid': 'Enter the bot ID',
    'keychain-help': 'How to unlock it',
    'enable-login-item': 'Turn on start at login',
    'show-data-folder': 'Show the folder',
    'show-failures': 'See delivery failures',
    resume: 'Resume',
  } satisfies Record<ActionCode, string>,
  done: {
    'retry-sync': 'Trying again now.',
    'enable-login-item': 'The app now starts when you sign in to the computer.',
    resume: 'Resumed. Subscribers are flowing again.',
    'show-data-folder': 'The folder is open in your file manager.',
  },
  switchBot: {
    title: 'Switch the bot to this app?',
    explain:
      'Right now Telegram hands this bot’s messages to another service (through a “webhook”). Switching removes that link: the other service stops receiving the bot’s messages, and this app starts collecting subscribers.',
    currentUrl: 'The messages currently go to: {url}',
    confirm: 'Switch',
    done: 'Done. This app now receives the bot’s messages.',
  },
  keychainHelp: {
    title: 'Unlocking the password store',
    win32:
      'Your computer keeps the app’s keys in its password store, which opens when you sign in to Windows. Sign out of Windows and back in (or restart the computer), then open this app again. If that doesn’t help, ask whoever looks after your computer.',
    darwin:
      'Your Mac keeps the app’s keys in Keychain Access. Open the Keychain Access app (Applications → Utilities), click “login” on the left and unlock it with the password you sign in to your Mac with. If the app asks for access, choose “Always Allow”. If that doesn’t help, ask whoever looks after your Mac.',
    linux:
      'Your computer keeps the app’s keys in its password store, which usually opens when you sign in. Sign out and back in, then open this app again. If that doesn’t help, ask whoever looks after your computer to unlock the password store (GNOME Keyring or KWallet).',
    other: 'Your computer keeps the app’s keys in its password store. Signing in to the computer again usually unlocks it; then open this app again. If that doesn’t help, ask whoever looks after your computer.',
    after: 'Nothing is lost meanwhile: Telegram keeps new subscribers for 24 hours.',
    problem: 'For whoever helps you, what the system said: {problem}',
  },
  dataFolder: {
    title: 'The app’s data folder',
    explain: 'Everything the app saves is in this folder. Copy the path, open it in your file manager, and free some space or fix its permissions.',
  },
  area: {
    label: 'Status',
    loading: 'Connecting to the app…',
    lastPoll: 'Last checked',
    version: 'Version {version}',
  },
  contact: {
    lost: 'Lost contact with the app. Trying to reconnect…',
    moved: 'Lost contact with the app. It may have restarted with a new link: open the link it printed when it started (the line that begins with “UI:”).',
  },
};
