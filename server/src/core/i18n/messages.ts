import { LOCALES, type Locale } from './locales.js';
import { formatMessage, type MessageParams } from './format.js';

/**
 * Messages the server itself says to people: error answers and validation of fields.
 * Spanish first; English complete; Portuguese and French complete for these few keys.
 */
const es = {
  'error.validation_failed': 'Revise los datos enviados: hay campos con errores.',
  'error.malformed_json': 'El cuerpo de la solicitud no es JSON válido.',
  'error.payload_too_large': 'La solicitud es demasiado grande.',
  'error.unsupported_media_type': 'Tipo de contenido no admitido. Envíe JSON.',
  'error.unauthenticated': 'Inicie sesión para continuar.',
  'error.mfa_required': 'Complete el segundo factor de autenticación para continuar.',
  'error.forbidden': 'No tiene permiso para hacer esto.',
  'error.csrf_failed': 'La solicitud no lleva un código de seguridad válido. Recargue la página e inténtelo de nuevo.',
  'error.not_found': 'No encontrado.',
  'error.conflict': 'El registro ya existe.',
  'error.invalid_transition': 'Este paso no se puede dar en el estado actual del registro.',
  'error.too_many_attempts': 'Demasiados intentos. Espere unos minutos e inténtelo de nuevo.',
  'error.invalid_credentials': 'El correo o la contraseña no son correctos.',
  'error.invalid_code': 'El código no es correcto o ya se usó. Use el código de 6 dígitos que muestra ahora su aplicación; cada código sirve una sola vez.',
  'error.internal': 'Ocurrió un error inesperado. Inténtelo de nuevo; si se repite, comunique este código al equipo de soporte.',
  'field.required': 'Este campo es obligatorio.',
  'field.invalid_type': 'El valor no tiene el tipo esperado ({expected}).',
  'field.unknown_field': 'Campo no reconocido: «{name}».',
  'field.too_short': 'Debe tener al menos {min} caracteres.',
  'field.too_long': 'Debe tener como máximo {max} caracteres.',
  'field.too_small': 'Debe ser como mínimo {min}.',
  'field.too_big': 'Debe ser como máximo {max}.',
  'field.invalid_email': 'Escriba un correo electrónico válido, como nombre@ejemplo.org.',
  'field.invalid_value': 'Valor no válido. Valores admitidos: {options}.',
  'field.invalid_format': 'El formato no es válido.',
  'field.invalid_date': 'Escriba una fecha válida (AAAA-MM-DD).',
  'field.nul_character': 'Contiene un carácter nulo (U+0000), que no se puede guardar. Quítelo e inténtelo de nuevo.',
  'field.unpaired_surrogate': 'Contiene un carácter Unicode incompleto (la mitad de un par sustituto), que no se puede guardar. Vuelva a escribir el texto.',
  'field.invalid': 'Valor no válido.',
  'password.too_short': 'La contraseña debe tener al menos 12 caracteres.',
  'password.too_long': 'La contraseña puede tener como máximo 256 caracteres.',
  'password.common': 'Esta contraseña es demasiado común. Elija otra más difícil de adivinar, por ejemplo una frase de varias palabras.',
  'password.contains_email': 'La contraseña no puede contener su correo electrónico.',
  'password.repeated': 'La contraseña repite un mismo carácter o un grupo corto (como aaaa o abcabc), y eso se adivina enseguida. Elija otra, por ejemplo una frase de varias palabras.',
  'password.sequence': 'La contraseña es casi toda una fila del teclado o una serie (como qwertyuiop, abcdef o 123456), y eso se adivina enseguida. Elija otra, por ejemplo una frase de varias palabras.',
  'password.wrong_current': 'La contraseña actual no es correcta.',
  'password.current_required': 'Escriba su contraseña actual.',
  'reauth.required': 'Escriba de nuevo su contraseña (o un código de su segundo factor) para continuar.',
  'reauth.failed': 'La contraseña o el código no son correctos (cada código sirve una sola vez).',
  'mfa.already_enabled': 'La verificación en dos pasos ya está activada. Para vincular otro teléfono, desactívela primero o pida a quien administra mide que la restablezca.',
  'user.unknown_email': 'No hay ningún usuario con el correo «{email}».',
  'location.row_column': 'fila {row}, columna {column}',
  'location.row': 'fila {row}',
  'user.email_taken': 'Ya existe un usuario con este correo.',
  'user.unknown_role': 'El rol «{role}» no existe.',
  'scope.unknown_code': 'La unidad territorial «{code}» no existe.',
  'scope.outside_capture': 'No puede registrar datos en «{code}»: está fuera de su ámbito de captura.',
  'mfa.required_for_role': 'El segundo factor es obligatorio para este rol.',
  'mfa.not_enrolled': 'Primero active el segundo factor.',
  'role.unknown_permission': 'Permiso desconocido: «{permission}».',
  'role.admin_keeps_admin': 'El rol de administración debe conservar los permisos de gestión de usuarios y roles.',
  'user.cannot_demote_self': 'No puede quitarse a sí mismo el rol de administración ni desactivar su propia cuenta.',
  'person.document_empty': 'Escriba el número del documento (letras y dígitos).',
  'person.document_repeated': 'Este documento ya está en la línea {row}.',
  'person.merge_same': 'Elija otro registro: no se puede fusionar un registro consigo mismo.',
  'consent.partner_required': 'Para compartir datos, escriba el nombre de la organización con la que se comparten.',
  'consent.partner_only_for_sharing': 'La organización solo se indica cuando el propósito es compartir datos.',
  'consent.given_in_future': 'La fecha del consentimiento no puede ser futura.',
} as const;

export type MessageKey = keyof typeof es;
type Catalogue = Record<MessageKey, string>;

const en: Catalogue = {
  'error.validation_failed': 'Check the data you sent: some fields have errors.',
  'error.malformed_json': 'The request body is not valid JSON.',
  'error.payload_too_large': 'The request is too large.',
  'error.unsupported_media_type': 'Unsupported content type. Send JSON.',
  'error.unauthenticated': 'Sign in to continue.',
  'error.mfa_required': 'Complete the second authentication factor to continue.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.csrf_failed': 'The request has no valid security code. Reload the page and try again.',
  'error.not_found': 'Not found.',
  'error.conflict': 'The record already exists.',
  'error.invalid_transition': 'This step cannot be taken in the record’s current state.',
  'error.too_many_attempts': 'Too many attempts. Wait a few minutes and try again.',
  'error.invalid_credentials': 'The e-mail or password is not correct.',
  'error.invalid_code': 'The code is not correct or was already used. Use the 6-digit code your app shows now; each code works once.',
  'error.internal': 'Something unexpected went wrong. Try again; if it happens again, give this code to support.',
  'field.required': 'This field is required.',
  'field.invalid_type': 'The value is not of the expected type ({expected}).',
  'field.unknown_field': 'Unknown field: "{name}".',
  'field.too_short': 'Must be at least {min} characters.',
  'field.too_long': 'Must be at most {max} characters.',
  'field.too_small': 'Must be at least {min}.',
  'field.too_big': 'Must be at most {max}.',
  'field.invalid_email': 'Enter a valid e-mail address, like name@example.org.',
  'field.invalid_value': 'Invalid value. Allowed values: {options}.',
  'field.invalid_format': 'The format is not valid.',
  'field.invalid_date': 'Enter a valid date (YYYY-MM-DD).',
  'field.nul_character': 'Contains a null character (U+0000), which cannot be stored. Remove it and try again.',
  'field.unpaired_surrogate': 'Contains an incomplete Unicode character (half of a surrogate pair), which cannot be stored. Type the text again.',
  'field.invalid': 'Invalid value.',
  'password.too_short': 'The password must be at least 12 characters long.',
  'password.too_long': 'The password can be at most 256 characters long.',
  'password.common': 'This password is too common. Choose one that is harder to guess, such as a phrase of several words.',
  'password.contains_email': 'The password cannot contain your e-mail address.',
  'password.repeated': 'The password repeats one character or a short group (like aaaa or abcabc), which is guessed at once. Choose another, such as a phrase of several words.',
  'password.sequence': 'The password is mostly a keyboard row or a sequence (like qwertyuiop, abcdef or 123456), which is guessed at once. Choose another, such as a phrase of several words.',
  'password.wrong_current': 'The current password is not correct.',
  'password.current_required': 'Enter your current password.',
  'reauth.required': 'Type your password again (or a code from your second factor) to continue.',
  'reauth.failed': 'The password or code is not correct (each code works once).',
  'mfa.already_enabled': 'Two-step verification is already on. To link another phone, turn it off first or ask whoever administers mide to reset it.',
  'user.unknown_email': 'There is no user with the e-mail "{email}".',
  'location.row_column': 'row {row}, column {column}',
  'location.row': 'row {row}',
  'user.email_taken': 'A user with this e-mail already exists.',
  'user.unknown_role': 'The role "{role}" does not exist.',
  'scope.unknown_code': 'The org unit "{code}" does not exist.',
  'scope.outside_capture': 'You cannot record data in "{code}": it is outside your capture scope.',
  'mfa.required_for_role': 'The second factor is required for this role.',
  'mfa.not_enrolled': 'Turn on the second factor first.',
  'role.unknown_permission': 'Unknown permission: "{permission}".',
  'role.admin_keeps_admin': 'The administration role must keep the user and role management permissions.',
  'user.cannot_demote_self': 'You cannot remove your own administration role or deactivate your own account.',
  'person.document_empty': 'Enter the document number (letters and digits).',
  'person.document_repeated': 'This document is already on line {row}.',
  'person.merge_same': 'Choose another record: a record cannot be merged with itself.',
  'consent.partner_required': 'To share data, enter the name of the organisation it is shared with.',
  'consent.partner_only_for_sharing': 'The organisation is given only when the purpose is sharing data.',
  'consent.given_in_future': 'The date of the consent cannot be in the future.',
};

const pt: Catalogue = {
  'error.validation_failed': 'Verifique os dados enviados: há campos com erros.',
  'error.malformed_json': 'O corpo da solicitação não é um JSON válido.',
  'error.payload_too_large': 'A solicitação é grande demais.',
  'error.unsupported_media_type': 'Tipo de conteúdo não suportado. Envie JSON.',
  'error.unauthenticated': 'Entre para continuar.',
  'error.mfa_required': 'Conclua o segundo fator de autenticação para continuar.',
  'error.forbidden': 'Você não tem permissão para fazer isto.',
  'error.csrf_failed': 'A solicitação não tem um código de segurança válido. Recarregue a página e tente novamente.',
  'error.not_found': 'Não encontrado.',
  'error.conflict': 'O registro já existe.',
  'error.invalid_transition': 'Esta etapa não pode ser realizada no estado atual do registro.',
  'error.too_many_attempts': 'Tentativas demais. Aguarde alguns minutos e tente novamente.',
  'error.invalid_credentials': 'O e-mail ou a senha não estão corretos.',
  'error.invalid_code': 'O código não está correto ou já foi usado. Use o código de 6 dígitos que o seu aplicativo mostra agora; cada código serve uma só vez.',
  'error.internal': 'Ocorreu um erro inesperado. Tente novamente; se persistir, informe este código ao suporte.',
  'field.required': 'Este campo é obrigatório.',
  'field.invalid_type': 'O valor não é do tipo esperado ({expected}).',
  'field.unknown_field': 'Campo desconhecido: «{name}».',
  'field.too_short': 'Deve ter pelo menos {min} caracteres.',
  'field.too_long': 'Deve ter no máximo {max} caracteres.',
  'field.too_small': 'Deve ser no mínimo {min}.',
  'field.too_big': 'Deve ser no máximo {max}.',
  'field.invalid_email': 'Digite um e-mail válido, como nome@exemplo.org.',
  'field.invalid_value': 'Valor inválido. Valores aceitos: {options}.',
  'field.invalid_format': 'O formato não é válido.',
  'field.invalid_date': 'Digite uma data válida (AAAA-MM-DD).',
  'field.nul_character': 'Contém um caractere nulo (U+0000), que não pode ser armazenado. Remova-o e tente novamente.',
  'field.unpaired_surrogate': 'Contém um caractere Unicode incompleto (metade de um par substituto), que não pode ser armazenado. Digite o texto novamente.',
  'field.invalid': 'Valor inválido.',
  'password.too_short': 'A senha deve ter pelo menos 12 caracteres.',
  'password.too_long': 'A senha pode ter no máximo 256 caracteres.',
  'password.common': 'Esta senha é comum demais. Escolha uma mais difícil de adivinhar, por exemplo uma frase de várias palavras.',
  'password.contains_email': 'A senha não pode conter o seu e-mail.',
  'password.repeated': 'A senha repete um mesmo caractere ou um grupo curto (como aaaa ou abcabc), o que se adivinha logo. Escolha outra, por exemplo uma frase de várias palavras.',
  'password.sequence': 'A senha é quase toda uma fileira do teclado ou uma sequência (como qwertyuiop, abcdef ou 123456), o que se adivinha logo. Escolha outra, por exemplo uma frase de várias palavras.',
  'password.wrong_current': 'A senha atual não está correta.',
  'password.current_required': 'Digite sua senha atual.',
  'reauth.required': 'Digite novamente sua senha (ou um código do seu segundo fator) para continuar.',
  'reauth.failed': 'A senha ou o código não estão corretos (cada código serve uma só vez).',
  'mfa.already_enabled': 'A verificação em duas etapas já está ativada. Para vincular outro telefone, desative-a primeiro ou peça a quem administra o mide que a redefina.',
  'user.unknown_email': 'Não há nenhum usuário com o e-mail «{email}».',
  'location.row_column': 'linha {row}, coluna {column}',
  'location.row': 'linha {row}',
  'user.email_taken': 'Já existe um usuário com este e-mail.',
  'user.unknown_role': 'O perfil «{role}» não existe.',
  'scope.unknown_code': 'A unidade territorial «{code}» não existe.',
  'scope.outside_capture': 'Você não pode registrar dados em «{code}»: está fora do seu âmbito de captura.',
  'mfa.required_for_role': 'O segundo fator é obrigatório para este perfil.',
  'mfa.not_enrolled': 'Ative primeiro o segundo fator.',
  'role.unknown_permission': 'Permissão desconhecida: «{permission}».',
  'role.admin_keeps_admin': 'O perfil de administração deve manter as permissões de gestão de usuários e perfis.',
  'user.cannot_demote_self': 'Você não pode retirar o seu próprio perfil de administração nem desativar a sua conta.',
  'person.document_empty': 'Escreva o número do documento (letras e dígitos).',
  'person.document_repeated': 'Este documento já está na linha {row}.',
  'person.merge_same': 'Escolha outro registro: um registro não pode ser fundido consigo mesmo.',
  'consent.partner_required': 'Para compartilhar dados, escreva o nome da organização com a qual são compartilhados.',
  'consent.partner_only_for_sharing': 'A organização só é indicada quando a finalidade é compartilhar dados.',
  'consent.given_in_future': 'A data do consentimento não pode ser futura.',
};

const fr: Catalogue = {
  'error.validation_failed': 'Vérifiez les données envoyées : certains champs contiennent des erreurs.',
  'error.malformed_json': 'Le corps de la requête n’est pas un JSON valide.',
  'error.payload_too_large': 'La requête est trop volumineuse.',
  'error.unsupported_media_type': 'Type de contenu non pris en charge. Envoyez du JSON.',
  'error.unauthenticated': 'Connectez-vous pour continuer.',
  'error.mfa_required': 'Terminez le second facteur d’authentification pour continuer.',
  'error.forbidden': 'Vous n’avez pas l’autorisation de faire cela.',
  'error.csrf_failed': 'La requête ne porte pas de code de sécurité valide. Rechargez la page et réessayez.',
  'error.not_found': 'Introuvable.',
  'error.conflict': 'L’enregistrement existe déjà.',
  'error.invalid_transition': 'Cette étape n’est pas possible dans l’état actuel de l’enregistrement.',
  'error.too_many_attempts': 'Trop de tentatives. Attendez quelques minutes et réessayez.',
  'error.invalid_credentials': 'L’adresse e-mail ou le mot de passe est incorrect.',
  'error.invalid_code': 'Le code est incorrect ou a déjà servi. Utilisez le code à 6 chiffres affiché maintenant par votre application ; chaque code ne sert qu’une fois.',
  'error.internal': 'Une erreur inattendue s’est produite. Réessayez ; si elle se répète, communiquez ce code au support.',
  'field.required': 'Ce champ est obligatoire.',
  'field.invalid_type': 'La valeur n’a pas le type attendu ({expected}).',
  'field.unknown_field': 'Champ inconnu : « {name} ».',
  'field.too_short': 'Doit comporter au moins {min} caractères.',
  'field.too_long': 'Doit comporter au plus {max} caractères.',
  'field.too_small': 'Doit être au moins {min}.',
  'field.too_big': 'Doit être au plus {max}.',
  'field.invalid_email': 'Saisissez une adresse e-mail valide, comme nom@exemple.org.',
  'field.invalid_value': 'Valeur non valide. Valeurs acceptées : {options}.',
  'field.invalid_format': 'Le format n’est pas valide.',
  'field.invalid_date': 'Saisissez une date valide (AAAA-MM-JJ).',
  'field.nul_character': 'Contient un caractère nul (U+0000), qui ne peut pas être enregistré. Supprimez-le et réessayez.',
  'field.unpaired_surrogate': 'Contient un caractère Unicode incomplet (la moitié d’une paire de substitution), qui ne peut pas être enregistré. Saisissez de nouveau le texte.',
  'field.invalid': 'Valeur non valide.',
  'password.too_short': 'Le mot de passe doit comporter au moins 12 caractères.',
  'password.too_long': 'Le mot de passe peut comporter au plus 256 caractères.',
  'password.common': 'Ce mot de passe est trop courant. Choisissez-en un plus difficile à deviner, par exemple une phrase de plusieurs mots.',
  'password.contains_email': 'Le mot de passe ne peut pas contenir votre adresse e-mail.',
  'password.repeated': 'Le mot de passe répète un même caractère ou un petit groupe (comme aaaa ou abcabc), ce qui se devine tout de suite. Choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  'password.sequence': 'Le mot de passe est presque entièrement une rangée du clavier ou une suite (comme qwertyuiop, abcdef ou 123456), ce qui se devine tout de suite. Choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  'password.wrong_current': 'Le mot de passe actuel est incorrect.',
  'password.current_required': 'Saisissez votre mot de passe actuel.',
  'reauth.required': 'Saisissez à nouveau votre mot de passe (ou un code de votre second facteur) pour continuer.',
  'reauth.failed': 'Le mot de passe ou le code est incorrect (chaque code ne sert qu’une fois).',
  'mfa.already_enabled': 'La vérification en deux étapes est déjà activée. Pour associer un autre téléphone, désactivez-la d’abord ou demandez à la personne qui administre mide de la réinitialiser.',
  'user.unknown_email': 'Aucun utilisateur n’a l’adresse e-mail « {email} ».',
  'location.row_column': 'ligne {row}, colonne {column}',
  'location.row': 'ligne {row}',
  'user.email_taken': 'Un utilisateur avec cette adresse e-mail existe déjà.',
  'user.unknown_role': 'Le rôle « {role} » n’existe pas.',
  'scope.unknown_code': 'L’unité territoriale « {code} » n’existe pas.',
  'scope.outside_capture': 'Vous ne pouvez pas saisir de données pour « {code} » : hors de votre périmètre de saisie.',
  'mfa.required_for_role': 'Le second facteur est obligatoire pour ce rôle.',
  'mfa.not_enrolled': 'Activez d’abord le second facteur.',
  'role.unknown_permission': 'Autorisation inconnue : « {permission} ».',
  'role.admin_keeps_admin': 'Le rôle d’administration doit conserver les autorisations de gestion des utilisateurs et des rôles.',
  'user.cannot_demote_self': 'Vous ne pouvez pas retirer votre propre rôle d’administration ni désactiver votre propre compte.',
  'person.document_empty': 'Saisissez le numéro du document (lettres et chiffres).',
  'person.document_repeated': 'Ce document figure déjà à la ligne {row}.',
  'person.merge_same': 'Choisissez un autre dossier : un dossier ne peut pas être fusionné avec lui-même.',
  'consent.partner_required': 'Pour partager des données, indiquez le nom de l’organisation destinataire.',
  'consent.partner_only_for_sharing': 'L’organisation n’est indiquée que lorsque la finalité est le partage de données.',
  'consent.given_in_future': 'La date du consentement ne peut pas être dans le futur.',
};

const catalogues: Record<Locale, Catalogue> = { es, en, pt, fr };

/** A module's messages: Spanish complete, the other languages falling back to it key by key. */
export type Catalogues = { es: Readonly<Record<string, string>> } & Partial<Record<Exclude<Locale, 'es'>, Readonly<Record<string, string>>>>;

const CORE_PREFIXES = new Set(Object.keys(es).map((k) => k.split('.')[0]!));
const moduleCatalogues = new Map<string, Catalogues>();

/**
 * Makes a module's catalogue known under its namespace (its id): `reintegration.no_consent` is the key `no_consent`
 * of the catalogue registered as `reintegration`. Called once per module by the composition root.
 */
export function registerMessages(namespace: string, catalogues: Catalogues): void {
  if (CORE_PREFIXES.has(namespace)) throw new Error(`Message namespace "${namespace}" is taken by the core.`);
  const known = moduleCatalogues.get(namespace);
  if (known && known !== catalogues) throw new Error(`Message namespace "${namespace}" registered twice.`);
  moduleCatalogues.set(namespace, catalogues);
}

/** The template of a key in a language (falling back to Spanish), or undefined when no catalogue has the key. */
export function messageTemplate(locale: Locale, key: string): string | undefined {
  if (key in es) return catalogues[locale][key as MessageKey] ?? es[key as MessageKey];
  const dot = key.indexOf('.');
  const catalogue = dot > 0 ? moduleCatalogues.get(key.slice(0, dot)) : undefined;
  if (!catalogue) return undefined;
  const own = key.slice(dot + 1);
  return catalogue[locale]?.[own] ?? catalogue.es[own];
}

/**
 * The one place a message key becomes words: core keys (`field.required`) and module keys
 * (`reintegration.no_consent`) alike. An unknown key is shown as itself, so a missing message is visible.
 */
export function translate(locale: Locale, key: MessageKey | (string & {}), params: MessageParams = {}): string {
  const template = messageTemplate(locale, key);
  return template === undefined ? key : formatMessage(locale, template, params);
}

/** Keys of a module catalogue missing in a language (for the completeness tests of each module). */
export function missingKeys(catalogues: Catalogues): Record<Locale, string[]> {
  const keys = Object.keys(catalogues.es);
  return Object.fromEntries(LOCALES.map((l) => [l, keys.filter((k) => !(catalogues[l] && k in catalogues[l]!))])) as Record<Locale, string[]>;
}

export const serverCatalogues = catalogues;
