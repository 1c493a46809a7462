import type { Catalogues } from '../../core/i18n/messages.js';
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
  | 'plan_score_closed'
  | 'follow_up_not_recorded'
  | 'follow_up_scored'
  | 'follow_up_required'
  | 'follow_up_not_for_plan'
  | 'unknown_follow_up'
  | 'answer_missing'
  | 'answer_unknown_option'
  | 'answer_unknown_item'
  | 'no_active_instrument'
  | 'instrument_exists'
  | 'dimension_repeated'
  | 'item_repeated'
  | 'option_repeated'
  | 'period_reversed'
  | 'period_too_long'
  | 'caseworker_unfit'
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
  reauth_failed: 'La contraseña o el código no son correctos (cada código sirve una sola vez).',
  grid_repeated: 'La respuesta «{response}» ya figura para la necesidad «{need}».',
  category_repeated: 'El código «{value}» está repetido.',
  plan_score_closed: 'La puntuación del plan se toma durante la planificación (o, con el plan aprobado, si aún no se tomó). Elija «seguimiento».',
  follow_up_not_recorded: 'Registre primero el seguimiento: solo se puntúa un seguimiento que tuvo lugar.',
  follow_up_scored: 'Este seguimiento ya tiene su puntuación.',
  follow_up_required: 'Elija el seguimiento al que corresponde la puntuación.',
  follow_up_not_for_plan: 'Una puntuación del plan no lleva seguimiento.',
  unknown_follow_up: 'Este seguimiento no es de este caso.',
  answer_missing: 'Responda esta pregunta.',
  answer_unknown_option: '«{value}» no es una opción de esta pregunta. Opciones: {options}.',
  answer_unknown_item: '«{value}» no es una pregunta de la encuesta activa.',
  no_active_instrument: 'No hay una encuesta de sostenibilidad activa: un administrador debe activar una.',
  instrument_exists: 'Ya está cargada la versión «{version}» de «{code}». Cambie la versión del archivo para cargar otra.',
  dimension_repeated: 'La dimensión «{value}» aparece dos veces: cada una de economic, social y psychosocial va una vez.',
  item_repeated: 'El código de pregunta «{value}» está repetido en la encuesta.',
  option_repeated: 'El código de opción «{value}» está repetido en esta pregunta.',
  period_reversed: 'El mes de inicio es posterior al mes de fin.',
  period_too_long: 'El periodo puede abarcar como máximo {max} meses.',
  caseworker_unfit: 'Esta persona no puede llevar el caso: necesita el permiso de escribir casos y un ámbito de captura que incluya «{unit}».',
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
  reauth_failed: 'The password or code is not correct (each code works once).',
  grid_repeated: 'The response "{response}" is already listed for the need "{need}".',
  category_repeated: 'The code "{value}" is repeated.',
  plan_score_closed: 'The plan score is taken while planning (or, once the plan is approved, if none was taken yet). Choose "follow-up".',
  follow_up_not_recorded: 'Record the follow-up first: only a follow-up that took place is scored.',
  follow_up_scored: 'This follow-up already has its score.',
  follow_up_required: 'Choose the follow-up the score belongs to.',
  follow_up_not_for_plan: 'A plan score has no follow-up.',
  unknown_follow_up: 'This follow-up is not one of this case.',
  answer_missing: 'Answer this question.',
  answer_unknown_option: '"{value}" is not an option of this question. Options: {options}.',
  answer_unknown_item: '"{value}" is not a question of the active survey.',
  no_active_instrument: 'There is no active sustainability survey: an administrator must activate one.',
  instrument_exists: 'Version "{version}" of "{code}" is already loaded. Change the file\'s version to load another one.',
  dimension_repeated: 'The dimension "{value}" appears twice: each of economic, social and psychosocial goes once.',
  item_repeated: 'The question code "{value}" is repeated in the survey.',
  option_repeated: 'The option code "{value}" is repeated in this question.',
  period_reversed: 'The start month is after the end month.',
  period_too_long: 'The period can span at most {max} months.',
  caseworker_unfit: 'This user cannot take the case: they need the permission to write cases and a capture scope that includes "{unit}".',
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
  reauth_failed: 'A senha ou o código não estão corretos (cada código serve uma só vez).',
  grid_repeated: 'A resposta «{response}» já consta para a necessidade «{need}».',
  category_repeated: 'O código «{value}» está repetido.',
  plan_score_closed: 'A pontuação do plano é feita durante o planejamento (ou, com o plano aprovado, se ainda não foi feita). Escolha «acompanhamento».',
  follow_up_not_recorded: 'Registre primeiro o acompanhamento: só se pontua um acompanhamento que ocorreu.',
  follow_up_scored: 'Este acompanhamento já tem a sua pontuação.',
  follow_up_required: 'Escolha o acompanhamento ao qual a pontuação corresponde.',
  follow_up_not_for_plan: 'Uma pontuação do plano não tem acompanhamento.',
  unknown_follow_up: 'Este acompanhamento não é deste caso.',
  answer_missing: 'Responda a esta pergunta.',
  answer_unknown_option: '«{value}» não é uma opção desta pergunta. Opções: {options}.',
  answer_unknown_item: '«{value}» não é uma pergunta do questionário ativo.',
  no_active_instrument: 'Não há questionário de sustentabilidade ativo: um administrador deve ativar um.',
  instrument_exists: 'A versão «{version}» de «{code}» já está carregada. Mude a versão do arquivo para carregar outra.',
  dimension_repeated: 'A dimensão «{value}» aparece duas vezes: cada uma de economic, social e psychosocial vai uma vez.',
  item_repeated: 'O código de pergunta «{value}» está repetido no questionário.',
  option_repeated: 'O código de opção «{value}» está repetido nesta pergunta.',
  period_reversed: 'O mês de início é posterior ao mês de término.',
  period_too_long: 'O período pode abranger no máximo {max} meses.',
  caseworker_unfit: 'Este usuário não pode assumir o caso: precisa da permissão de escrever casos e de um âmbito de registro que inclua «{unit}».',
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
  reauth_failed: 'Le mot de passe ou le code est incorrect (chaque code ne sert qu’une fois).',
  grid_repeated: 'La réponse « {response} » figure déjà pour le besoin « {need} ».',
  category_repeated: 'Le code « {value} » est répété.',
  plan_score_closed: 'Le score du plan se prend pendant la planification (ou, une fois le plan approuvé, s’il n’a pas encore été pris). Choisissez « suivi ».',
  follow_up_not_recorded: 'Enregistrez d’abord le suivi : seul un suivi qui a eu lieu reçoit un score.',
  follow_up_scored: 'Ce suivi a déjà son score.',
  follow_up_required: 'Choisissez le suivi auquel le score se rapporte.',
  follow_up_not_for_plan: 'Un score du plan n’a pas de suivi.',
  unknown_follow_up: 'Ce suivi n’appartient pas à ce dossier.',
  answer_missing: 'Répondez à cette question.',
  answer_unknown_option: '« {value} » n’est pas une option de cette question. Options : {options}.',
  answer_unknown_item: '« {value} » n’est pas une question du questionnaire actif.',
  no_active_instrument: 'Aucun questionnaire de durabilité n’est actif : un administrateur doit en activer un.',
  instrument_exists: 'La version « {version} » de « {code} » est déjà chargée. Changez la version du fichier pour en charger une autre.',
  dimension_repeated: 'La dimension « {value} » apparaît deux fois : economic, social et psychosocial figurent chacune une fois.',
  item_repeated: 'Le code de question « {value} » est répété dans le questionnaire.',
  option_repeated: 'Le code d’option « {value} » est répété dans cette question.',
  period_reversed: 'Le mois de début est postérieur au mois de fin.',
  period_too_long: 'La période peut couvrir au plus {max} mois.',
  caseworker_unfit: 'Cet utilisateur ne peut pas prendre le dossier : il lui faut l’autorisation d’écrire des dossiers et un périmètre de saisie qui inclut « {unit} ».',
  'status.registered': 'enregistré',
  'status.planning': 'en planification',
  'status.plan_submitted': 'plan soumis',
  'status.active': 'actif',
  'status.closure_requested': 'clôture demandée',
  'status.closed': 'clôturé',
};

const catalogues: Record<Locale, Record<ReintegrationMessageKey, string>> = { es, en, pt, fr };

/** The catalogue as the manifest registers it (`core/i18n/messages.ts`). */
export const reintegrationCatalogues: Catalogues = catalogues;

export function reintegrationText(locale: Locale, key: ReintegrationMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
