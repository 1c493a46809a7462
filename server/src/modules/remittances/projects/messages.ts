import type { Catalogues } from '../../../core/i18n/messages.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { ProjectStatus } from './domain/lifecycle.js';
import type { ProblemKey } from './domain/problems.js';

/** The projects sub-area's own messages (Spanish first): broken rules, refused steps and conflicts. */
export type ProjectMessageKey =
  | ProblemKey
  | 'invalid_transition'
  | 'decision_needs_scores'
  | 'idempotency_conflict'
  | 'period_reported'
  | 'scheme_code_exists'
  | 'scheme_retired'
  | 'scheme_unknown'
  | 'association_not_validated'
  | 'association_unknown'
  | 'association_already_decided'
  | 'reason_required'
  | 'missing_required'
  | 'unknown_country'
  | 'unknown_org_unit'
  | 'attachment_unknown'
  | 'attachment_too_large'
  | 'attachment_not_base64'
  | 'attachment_type_mismatch'
  | `status.${ProjectStatus}`;

const es: Record<ProjectMessageKey, string> = {
  duplicate_key: 'La clave «{value}» está repetida.',
  duplicate_project_type: 'Ya hay una regla para el tipo de proyecto «{value}».',
  share_unknown_party: '«{value}» no es una de las partes del esquema.',
  share_not_positive: 'La participación debe ser mayor que 0.',
  too_many_decimals: 'Use como máximo dos decimales.',
  shares_sum: 'Las participaciones suman {sum} %; deben sumar exactamente 100 %.',
  cap_not_positive: 'El tope debe ser mayor que 0.',
  weight_not_positive: 'El peso debe ser mayor que 0.',
  budget_above_cap: 'El presupuesto supera el tope del esquema para este tipo de proyecto: {max}.',
  type_not_in_scheme: 'El esquema no financia proyectos de tipo «{value}».',
  criterion_missing: 'Falta la puntuación del criterio «{value}».',
  criterion_repeated: 'El criterio «{value}» está puntuado más de una vez.',
  criterion_unknown: '«{value}» no es un criterio del esquema.',
  contribution_unknown_party: '«{value}» no es una de las partes que cofinancian el proyecto.',
  contribution_beyond_commitment: 'El aporte supera lo que le queda por aportar a «{party}»: {remaining}.',
  period_invalid: 'Periodo no válido: «{value}» (use un trimestre, como 2026Q3).',
  period_before_last: 'Ya hay un informe de un trimestre posterior ({value}).',
  period_in_future: 'El trimestre {value} aún no ha comenzado.',
  physical_pct_decreases: 'El avance físico no puede ser menor que el del informe anterior ({previous} %).',
  spent_decreases: 'El gasto acumulado no puede ser menor que el del informe anterior ({previous}).',
  spent_above_received: 'El gasto acumulado supera los aportes recibidos ({received}).',
  close_needs_full_progress: 'Para cerrar el proyecto, el último informe de avance debe llegar al 100 %.',
  invalid_transition: 'Este paso no es posible: el proyecto está en estado «{status}».',
  decision_needs_scores: 'Antes de decidir, al menos un miembro del comité debe puntuar el proyecto.',
  idempotency_conflict: 'La clave de idempotencia «{value}» ya se usó para otro aporte con datos distintos.',
  period_reported: 'El trimestre {value} ya tiene un informe de avance.',
  scheme_code_exists: 'Ya existe un esquema con el código «{value}».',
  scheme_retired: 'El esquema ya no admite proyectos nuevos.',
  scheme_unknown: 'El esquema no existe.',
  association_not_validated: 'La asociación aún no está validada: no puede proponer proyectos.',
  association_unknown: 'La asociación no existe o usted no es miembro de ella.',
  association_already_decided: 'La asociación ya no está pendiente de validación.',
  reason_required: 'Indique el motivo del rechazo.',
  missing_required: 'Indique qué falta en la propuesta.',
  unknown_country: 'País desconocido: «{value}» (use el código ISO3, como USA).',
  unknown_org_unit: 'Unidad territorial desconocida: «{value}».',
  attachment_unknown: 'El archivo adjunto «{value}» no existe o no está disponible.',
  attachment_too_large: 'El archivo ocupa {size} MB; el máximo es 5 MB.',
  attachment_not_base64: 'El contenido del archivo no está en base64.',
  attachment_type_mismatch: 'El contenido del archivo no corresponde al tipo {value}.',
  'status.submitted': 'presentado',
  'status.returned': 'devuelto',
  'status.in_review': 'en revisión',
  'status.approved': 'aprobado',
  'status.rejected': 'rechazado',
  'status.agreement_signed': 'convenio firmado',
  'status.in_execution': 'en ejecución',
  'status.closed': 'cerrado',
};

const en: Record<ProjectMessageKey, string> = {
  duplicate_key: 'The key "{value}" is repeated.',
  duplicate_project_type: 'There is already a rule for the project type "{value}".',
  share_unknown_party: '"{value}" is not one of the scheme\'s parties.',
  share_not_positive: 'The share must be greater than 0.',
  too_many_decimals: 'Use at most two decimals.',
  shares_sum: 'The shares add up to {sum} %; they must add up to exactly 100 %.',
  cap_not_positive: 'The cap must be greater than 0.',
  weight_not_positive: 'The weight must be greater than 0.',
  budget_above_cap: 'The budget is above the scheme\'s cap for this project type: {max}.',
  type_not_in_scheme: 'The scheme does not fund projects of type "{value}".',
  criterion_missing: 'The score for the criterion "{value}" is missing.',
  criterion_repeated: 'The criterion "{value}" is scored more than once.',
  criterion_unknown: '"{value}" is not a criterion of the scheme.',
  contribution_unknown_party: '"{value}" is not one of the parties co-funding the project.',
  contribution_beyond_commitment: 'The contribution is more than what "{party}" still has to pay: {remaining}.',
  period_invalid: 'Invalid period: "{value}" (use a quarter, such as 2026Q3).',
  period_before_last: 'There is already a report for a later quarter ({value}).',
  period_in_future: 'The quarter {value} has not started yet.',
  physical_pct_decreases: 'Physical progress cannot be lower than in the previous report ({previous} %).',
  spent_decreases: 'Cumulative spending cannot be lower than in the previous report ({previous}).',
  spent_above_received: 'Cumulative spending is above the contributions received ({received}).',
  close_needs_full_progress: 'To close the project, the latest progress report must reach 100 %.',
  invalid_transition: 'This step is not possible: the project is "{status}".',
  decision_needs_scores: 'Before deciding, at least one committee member must score the project.',
  idempotency_conflict: 'The idempotency key "{value}" was already used for another contribution with different data.',
  period_reported: 'The quarter {value} already has a progress report.',
  scheme_code_exists: 'A scheme with the code "{value}" already exists.',
  scheme_retired: 'The scheme no longer takes new projects.',
  scheme_unknown: 'The scheme does not exist.',
  association_not_validated: 'The association is not validated yet: it cannot propose projects.',
  association_unknown: 'The association does not exist or you are not one of its members.',
  association_already_decided: 'The association is no longer waiting for validation.',
  reason_required: 'Give the reason for the rejection.',
  missing_required: 'Say what the proposal is missing.',
  unknown_country: 'Unknown country: "{value}" (use the ISO3 code, such as USA).',
  unknown_org_unit: 'Unknown org unit: "{value}".',
  attachment_unknown: 'The attachment "{value}" does not exist or is not available.',
  attachment_too_large: 'The file is {size} MB; the maximum is 5 MB.',
  attachment_not_base64: 'The file content is not base64.',
  attachment_type_mismatch: 'The file content is not of the type {value}.',
  'status.submitted': 'submitted',
  'status.returned': 'returned',
  'status.in_review': 'in review',
  'status.approved': 'approved',
  'status.rejected': 'rejected',
  'status.agreement_signed': 'agreement signed',
  'status.in_execution': 'in execution',
  'status.closed': 'closed',
};

const pt: Record<ProjectMessageKey, string> = {
  ...en,
  shares_sum: 'As participações somam {sum} %; devem somar exatamente 100 %.',
  budget_above_cap: 'O orçamento supera o teto do esquema para este tipo de projeto: {max}.',
  contribution_beyond_commitment: 'O aporte supera o que ainda falta a «{party}»: {remaining}.',
  invalid_transition: 'Esta etapa não é possível: o projeto está «{status}».',
  idempotency_conflict: 'A chave de idempotência «{value}» já foi usada para outro aporte com dados diferentes.',
  period_reported: 'O trimestre {value} já tem um relatório de avanço.',
  physical_pct_decreases: 'O avanço físico não pode ser menor que o do relatório anterior ({previous} %).',
  spent_above_received: 'O gasto acumulado supera os aportes recebidos ({received}).',
  close_needs_full_progress: 'Para encerrar o projeto, o último relatório de avanço deve chegar a 100 %.',
  decision_needs_scores: 'Antes de decidir, ao menos um membro do comitê deve pontuar o projeto.',
  association_not_validated: 'A associação ainda não foi validada: não pode propor projetos.',
  reason_required: 'Indique o motivo da rejeição.',
  'status.submitted': 'apresentado',
  'status.returned': 'devolvido',
  'status.in_review': 'em análise',
  'status.approved': 'aprovado',
  'status.rejected': 'rejeitado',
  'status.agreement_signed': 'convênio assinado',
  'status.in_execution': 'em execução',
  'status.closed': 'encerrado',
};

const fr: Record<ProjectMessageKey, string> = {
  ...en,
  shares_sum: 'Les parts totalisent {sum} % ; elles doivent totaliser exactement 100 %.',
  budget_above_cap: 'Le budget dépasse le plafond du dispositif pour ce type de projet : {max}.',
  contribution_beyond_commitment: 'L’apport dépasse ce qu’il reste à verser à « {party} » : {remaining}.',
  invalid_transition: 'Cette étape n’est pas possible : le projet est « {status} ».',
  idempotency_conflict: 'La clé d’idempotence « {value} » a déjà servi pour un autre apport aux données différentes.',
  period_reported: 'Le trimestre {value} a déjà un rapport d’avancement.',
  physical_pct_decreases: 'L’avancement physique ne peut pas être inférieur à celui du rapport précédent ({previous} %).',
  spent_above_received: 'Les dépenses cumulées dépassent les apports reçus ({received}).',
  close_needs_full_progress: 'Pour clôturer le projet, le dernier rapport d’avancement doit atteindre 100 %.',
  decision_needs_scores: 'Avant de décider, au moins un membre du comité doit noter le projet.',
  association_not_validated: 'L’association n’est pas encore validée : elle ne peut pas proposer de projets.',
  reason_required: 'Indiquez le motif du rejet.',
  'status.submitted': 'soumis',
  'status.returned': 'renvoyé',
  'status.in_review': 'en examen',
  'status.approved': 'approuvé',
  'status.rejected': 'rejeté',
  'status.agreement_signed': 'convention signée',
  'status.in_execution': 'en exécution',
  'status.closed': 'clôturé',
};

const catalogues: Record<Locale, Record<ProjectMessageKey, string>> = { es, en, pt, fr };

/** The catalogue as the manifest registers it (`core/i18n/messages.ts`). */
export const projectCatalogues: Catalogues = catalogues;

/** An amount in the caller's locale with the ISO currency code: «80.000,00 GTQ», "GTQ 80,000.00". */
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);
}

export function projectText(locale: Locale, key: ProjectMessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale]?.[key] ?? es[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] !== undefined ? String(params[name]) : `{${name}}`));
}
