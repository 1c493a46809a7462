import type { Catalogues } from '../../core/i18n/messages.js';
import type { Locale } from '../../core/i18n/locales.js';
import { costCatalogues } from './costs/messages.js';
import { projectCatalogues } from './projects/messages.js';

/**
 * The module's catalogue, registered as `remittances`: the two halves' catalogues under their own prefix (both have
 * `unknown_country`, worded for their own forms): `remittances.costs.unknown_country`,
 * `remittances.projects.period_reported`; and the messages of its error codes, `remittances.error.<code>`.
 */
const errors: Record<Locale, Record<'idempotency_conflict' | 'period_reported', string>> = {
  es: { idempotency_conflict: 'Esa clave de idempotencia ya se usó con otros datos.', period_reported: 'Ese periodo ya tiene un informe.' },
  en: { idempotency_conflict: 'That idempotency key was already used with other data.', period_reported: 'That period already has a report.' },
  pt: { idempotency_conflict: 'Essa chave de idempotência já foi usada com outros dados.', period_reported: 'Esse período já tem um relatório.' },
  fr: { idempotency_conflict: 'Cette clé d’idempotence a déjà été utilisée avec d’autres données.', period_reported: 'Cette période a déjà un rapport.' },
};

function prefixed(prefix: string, messages: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(messages ?? {}).map(([key, text]) => [`${prefix}.${key}`, text]));
}

function merged(locale: Locale): Record<string, string> {
  return { ...prefixed('costs', costCatalogues[locale]), ...prefixed('projects', projectCatalogues[locale]), ...prefixed('error', errors[locale]) };
}

export const remittancesCatalogues: Catalogues = { es: merged('es'), en: merged('en'), pt: merged('pt'), fr: merged('fr') };

/** Its own error codes (HTTP status); the message of each is `remittances.error.<code>`. */
export const remittancesErrorReasons = { idempotency_conflict: 409, period_reported: 409 } as const;
