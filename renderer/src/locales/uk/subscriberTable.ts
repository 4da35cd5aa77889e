import type en from '../en/subscriberTable.js';

export default {
  label: 'Підписники: пересувайтеся стрілками, Page Up, Page Down, Home і End; Enter відкриває відомості про людину',
  loadingRow: 'Завантаження…',
  columns: {
    phone: 'Телефон',
    email: 'Ел. пошта',
    lastStart: 'Востаннє натиснуто Start',
  },
  source: {
    label: 'Джерело',
    all: 'Будь-яке джерело',
    none: 'Без джерела ({count})',
    signed: 'Персональні посилання з вашого сайту ({count})',
    tag: 'Джерело: {tag} ({count})',
  },
  joined: {
    label: 'Дата підписки: від і до',
    from: 'Перший день',
    to: 'Останній день',
  },
} satisfies typeof en;
