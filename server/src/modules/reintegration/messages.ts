import type { Locale } from '../../core/i18n/locales.js';
import type { CaseStatus } from './domain/lifecycle.js';

/** The reintegration module's own messages (Spanish first): refused steps, the consent gate, broken rules. */
export type ReintegrationMessageKey =
  | 'invalid_transition'
  | 'plan_empty'
  | 'no_consent'
  | 'no_consent_erased'
  | 'override_not_permitted'
  | 'unknown_person'
  | 'unknown_org_unit'
  | 'outside_capture'
  | 'unknown_category'
  | 'arrival_in_future'
  | 'date_in_future'
  | 'end_before_start'
  | 'date_before_arrival'
  | 'referral_answered'
  | 'referral_not_accepted'
  | 'follow_up_recorded'
  | 'open_case_exists'
  | 'reauth_required'
  | 'reauth_failed'
  | 'grid_repeated'
  | 'category_repeated'
  | `status.${CaseStatus}`;

const es: Record<ReintegrationMessageKey, string> = {
  invalid_transition: 'Este paso no es posible: el caso está en estado «{status}».',
  plan_empty: 'Añada al menos una actividad al plan antes de enviarlo.',
  no_consent:
    'La persona no ha dado su consentimiento para compartir sus datos con «{partner}». Registre ese consentimiento en su ficha o, si tiene el permiso, indique el motivo para derivar sin él.',
  no_consent_erased: 'Los datos de la persona se borraron: el caso no admite derivaciones.',
  override_not_permitted: 'Derivar sin consentimiento requiere el permiso de excepción de consentimiento.',
  unknown_person: 'La persona no existe o no está en su ámbito.',
  unknown_org_unit: 'Unidad territorial desconocida: «{value}».',
  outside_capture: 'La unidad «{value}» está fuera de su ámbito de captura.',
  unknown_category: '«{value}» no es una categoría de retorno de {country}.',
  arrival_in_future: 'La fecha de llegada no puede ser posterior a hoy.',
  date_in_future: 'La fecha no puede ser posterior a hoy.',
  end_before_start: 'La fecha de fin es anterior a la de inicio.',
  date_before_arrival: 'La fecha es anterior a la llegada ({value}).',
  referral_answered: 'El socio ya respondió a esta derivación.',
  referral_not_accepted: 'Solo se registra el resultado de una derivación que el socio aceptó.',
  follow_up_recorded: 'Este seguimiento ya está registrado.',
  open_case_exists: 'Esta persona ya tiene un caso abierto: {reference}.',
  reauth_required: 'Escriba de nuevo su contraseña (o un código de su segundo factor) para continuar.',
  reauth_failed: 'La contraseña o el código no son correctos.',
  grid_repeated: 'La respuesta «{response}» ya figura para la necesidad «{need}».',
  category_repeated: 'El código «{value}» está repetido.',
  'status.registered': 'registrado',
  'status.planning': 'en planificación',
  'status.plan_submitted': 'plan enviado',
  'status.active': 'activo',
  'status.closure_requested': 'cierre solicitado',
  'status.closed': 'cerrado',
};

const en: Record<ReintegrationMessageKey, string> = {
  invalid_transition: 'This step is not possible: the case is "{status}".',
  plan_empty: 'Add at least one activity to the plan before submitting it.',
  no_consent:
    'The person has not consented to sharing their data with "{partner}". Record that consent on their record or, if you hold the permission, give the reason for referring without it.',
  no_consent_erased: "The person's data was erased: the case takes no referrals.",
  override_not_permitted: 'Referring without consent needs the consent override permission.',
  unknown_person: 'The person does not exist or is outside your scope.',
  unknown_org_unit: 'Unknown org unit: "{value}".',
  outside_capture: 'The unit "{value}" is outside your capture scope.',
  unknown_category: '"{value}" is not a return category of {country}.',
  arrival_in_future: 'The arrival date cannot be later than today.',
  date_in_future: 'The date cannot be later than today.',
  end_before_start: 'The end date is before the start date.',
  date_before_arrival: 'The date is before the arrival ({value}).',
  referral_answered: 'The partner has already answered this referral.',
  referral_not_accepted: 'An outcome is recorded only for a referral the partner accepted.',
  follow_up_recorded: 'This follow-up is already recorded.',
  open_case_exists: 'This person already has an open case: {reference}.',
  reauth_required: 'Type your password again (or a code from your second factor) to continue.',
  reauth_failed: 'The password or code is not correct.',
  grid_repeated: 'The response "{response}" is already listed for the need "{need}".',
  category_repeated: 'The code "{value}" is repeated.',
  'status.registered': 'registered',
  'status.planning': 'planning',
  'status.plan_submitted': 'plan submitted',
  'status.active': 'active',
  'status.closure_requested': 'closure requested',
  'status.closed': 'closed',
};

const pt: Record<ReintegrationMessageKey, string> = {
  invalid_transition: 'Este passo não é possível: o caso está no estado «{status}».',
  plan_empty: 'Adicione pelo menos uma atividade ao plano antes de enviá-lo.',
  no_consent:
    'A pessoa não deu consentimento para compartilhar seus dados com «{partner}». Registre esse consentimento na ficha dela ou, se tiver a permissão, indique o motivo para encaminhar sem ele.',
  no_consent_erased: 'Os dados da pessoa foram apagados: o caso não admite encaminhamentos.',
  override_not_permitted: 'Encaminhar sem consentimento requer a permissão de exceção de consentimento.',
  unknown_person: 'A pessoa não existe ou está fora do seu âmbito.',
  unknown_org_unit: 'Unidade territorial desconhecida: «{value}».',
  outside_capture: 'A unidade «{value}» está fora do seu âmbito de registro.',
  unknown_category: '«{value}» não é uma categoria de retorno de {country}.',
  arrival_in_future: 'A data de chegada não pode ser posterior a hoje.',
  date_in_future: 'A data não pode ser posterior a hoje.',
  end_before_start: 'A data de término é anterior à de início.',
  date_before_arrival: 'A data é anterior à chegada ({value}).',
  referral_answered: 'O parceiro já respondeu a este encaminhamento.',
  referral_not_accepted: 'Só se registra o resultado de um encaminhamento que o parceiro aceitou.',
  follow_up_recorded: 'Este acompanhamento já está registrado.',
  open_case_exists: 'Esta pessoa já tem um caso aberto: {reference}.',
  reauth_required: 'Digite novamente sua senha (ou um código do seu segundo fator) para continuar.',
  reauth_failed: 'A senha ou o código não estão corretos.',
  grid_repeated: 'A resposta «{response}» já consta para a necessidade «{need}».',
  category_repeated: 'O código «{value}» está repetido.',
  'status.registered': 'registrado',
  'status.planning': 'em planejamento',
  'status.plan_submitted': 'plano enviado',
  'status.active': 'ativo',
  'status.closure_requested': 'encerramento solicitado',
  'status.closed': 'encerrado',
};

const fr: Record<ReintegrationMessageKey, string> = {
  invalid_transition: 'Cette étape n’est pas possible : le dossier est à l’état « {status} ».',
  plan_empty: 'Ajoutez au moins une activité au plan avant de le soumettre.',
  no_consent:
    'La personne n’a pas consenti à partager ses données avec « {partner} ». Enregistrez ce consentement dans sa fiche ou, si vous en avez l’autorisation, indiquez le motif d’une orientation sans consentement.',
  no_consent_erased: 'Les données de la personne ont été effacées : le dossier n’admet plus d’orientation.',
  override_not_permitted: 'Orienter sans consentement requiert l’autorisation de dérogation au consentement.',
  unknown_person: 'La personne n’existe pas ou est hors de votre périmètre.',
  unknown_org_unit: 'Unité territoriale inconnue : « {value} ».',
  outside_capture: 'L’unité « {value} » est hors de votre périmètre de saisie.',
  unknown_category: '« {value} » n’est pas une catégorie de retour de {country}.',
  arrival_in_future: 'La date d’arrivée ne peut pas être postérieure à aujourd’hui.',
  date_in_future: 'La date ne peut pas être postérieure à aujourd’hui.',
  end_before_start: 'La date de fin précède la date de début.',
  date_before_arrival: 'La date précède l’arrivée ({value}).',
  referral_answered: 'Le partenaire a déjà répondu à cette orientation.',
  referral_not_accepted: 'Le résultat ne s’enregistre que pour une orientation acceptée par le partenaire.',
  follow_up_recorded: 'Ce suivi est déjà enregistré.',
  open_case_exists: 'Cette personne a déjà un dossier ouvert : {reference}.',
  reauth_required: 'Saisissez à nouveau votre mot de passe (ou un code de votre second facteur) pour continuer.',
  reauth_failed: 'Le mot de passe ou le code est incorrect.',
  grid_repeated: 'La réponse « {response} » figure déjà pour le besoin « {need} ».',
  category_repeated: 'Le code « {value} » est répété.',
  'status.registered': 'enregistré',
  'status.planning': 'en planification',
  'status.plan_submitted': 'plan soumis',
  'status.active': 'actif',
  'status.closure_requested': 'clôture demandée',
  'status.closed': 'clôturé',
};

const catalogues: Record<Locale, Record<ReintegrationMessageKey, string>> = { es, en, pt, fr };

export function reintegrationText(locale: Locale, key: ReintegrationMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
