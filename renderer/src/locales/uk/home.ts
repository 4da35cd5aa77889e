import type en from '../en/home.js';

export default {
  title: 'Головна',
  warnings: 'Варто також глянути',
  counters: {
    subscribers: 'Підписники',
    newThisWeek: 'Нові цього тижня',
    inYespo: 'У Yespo',
    left: 'Пішли',
    activeNote: 'Досі підписані: {count}',
    pendingNote: '{count} чекає на надсилання | {count} чекають на надсилання | {count} чекають на надсилання',
    leftNote: 'Відписалися: {unsubscribed}, заблокували бота: {blocked}, видалили акаунт: {deleted}',
  },
  undelivered: {
    title: 'Недоставлені розсилки за 30 днів',
    link: 'Переглянути збої доставки',
  },
  chart: {
    title: 'Нові підписники за 30 днів',
    series: 'Нові підписники',
    tooltip: '{count} новий підписник | {count} нові підписники | {count} нових підписників',
    summary: 'Діаграма: {count} новий підписник за 30 днів | Діаграма: {count} нові підписники за 30 днів | Діаграма: {count} нових підписників за 30 днів',
  },
} satisfies typeof en;
