export default {
  label: 'Subscribers: move with the arrow keys, Page Up, Page Down, Home and End; Enter opens a person’s details',
  loadingRow: 'Loading…',
  columns: {
    phone: 'Phone',
    email: 'Email',
    lastStart: 'Last pressed Start',
  },
  source: {
    label: 'Came from',
    all: 'Any source',
    none: 'No source ({count})',
    signed: 'Personal links from your website ({count})',
    tag: 'Source: {tag} ({count})',
  },
  joined: {
    label: 'Subscribed between',
    from: 'First day',
    to: 'Last day',
  },
};
