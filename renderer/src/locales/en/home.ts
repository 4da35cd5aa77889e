export default {
  title: 'Home',
  warnings: 'Also worth a look',
  counters: {
    subscribers: 'Subscribers',
    newThisWeek: 'New this week',
    inYespo: 'In Yespo',
    left: 'Left',
    activeNote: '{count} still subscribed',
    pendingNote: '{count} waiting to be sent | {count} waiting to be sent',
    leftNote: '{unsubscribed} unsubscribed, {blocked} blocked the bot, {deleted} deleted their account',
  },
  undelivered: {
    title: 'Newsletters not delivered, last 30 days',
    link: 'See delivery failures',
  },
  chart: {
    title: 'New subscribers, last 30 days',
    series: 'New subscribers',
    tooltip: '{count} new subscriber | {count} new subscribers',
    summary: 'A chart: {count} new subscriber in the last 30 days | A chart: {count} new subscribers in the last 30 days',
  },
};
