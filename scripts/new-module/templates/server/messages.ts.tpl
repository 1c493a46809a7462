import type { Catalogues } from '../../core/i18n/messages.js';

/** What __Title__ says to people, under its namespace (`__id__.name_taken`): Spanish first, then en, pt, fr. */
export const __name__Messages = {
  es: { name_taken: 'Ya existe un elemento llamado «{name}».' },
  en: { name_taken: 'An item called "{name}" already exists.' },
  pt: { name_taken: 'Já existe um item chamado «{name}».' },
  fr: { name_taken: 'Un élément nommé « {name} » existe déjà.' },
} satisfies Catalogues;
