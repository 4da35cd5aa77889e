import type { FailureCause } from '../../../../electron/core/contract/types.js';

export default {
  title: 'Delivery failures',
  intro: 'What didn’t get through, grouped by why, with what you can do about each.',
  none: 'Nothing has failed. Everything that was sent got through.',
  retry: 'Try again',
  retried: '{count} will be sent again. | {count} will be sent again.',
  showList: 'Show {count} entry | Show {count} entries',
  hideList: 'Hide the list',
  onlyNewest: 'Showing the newest {shown} of {count}.',
  blocked: {
    title: 'Not reaching Yespo right now',
    waiting: '{count} subscriber is saved here and will be sent once this is fixed. | {count} subscribers are saved here and will be sent once this is fixed.',
  },
  reports: {
    lastRead: 'Delivery reports last read from Yespo',
    never: 'Delivery reports haven’t been read from Yespo yet.',
    check: 'Check now',
    checked: 'Delivery reports read from Yespo just now.',
    notRead: 'Yespo’s delivery reports couldn’t be read just now. The app tries again by itself.',
  },
  dropped: 'The oldest one was removed to keep the list small. | The {count} oldest were removed to keep the list small.',
  columns: {
    name: 'Who',
    at: 'When',
    message: 'Newsletter',
    detail: 'What Telegram or Yespo said',
    next: 'Next try',
  },
  causes: {
    'blocked-bot': {
      title: 'Blocked the bot',
      explain: 'These people blocked your bot in Telegram, so nothing can reach them.',
      todo: 'Nothing to do: if they unblock the bot and press Start again, they come back by themselves.',
    },
    'account-deleted': {
      title: 'Deleted their Telegram account',
      explain: 'These Telegram accounts no longer exist.',
      todo: 'Nothing to do; they stay in your list as former subscribers.',
    },
    'yespo-rejected': {
      title: 'Refused by Yespo',
      explain: 'Yespo refused to add these subscribers; its reason is next to each one.',
      todo: 'Usually a phone number or email Yespo won’t accept. Once the cause is fixed in Yespo, try again.',
    },
    'waiting-retry': {
      title: 'Waiting to be sent again',
      explain: 'These couldn’t be sent to Yespo yet, because Yespo or the network was unavailable. The app tries again by itself.',
      todo: 'Nothing needs doing. If Yespo is back, you can try again now.',
    },
    'reply-refused': {
      title: 'Bot replies that didn’t arrive',
      explain: 'Telegram refused the bot’s replies to these people — usually because they blocked the bot right after pressing Start.',
      todo: 'Nothing to do; they get replies again if they unblock the bot.',
    },
    'yespo-undelivered': {
      title: 'Newsletters that didn’t arrive',
      explain: 'Yespo reports these newsletters as not delivered in Telegram.',
      todo: 'Usually the person blocked the bot. If many fail at once, check the bot in Yespo under Settings → My bots.',
    },
  } satisfies Record<FailureCause, { title: string; explain: string; todo: string }>,
};
