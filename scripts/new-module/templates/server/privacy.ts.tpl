/**
 * __Title__ keeps no personal data about people in the registry: an item has a name and the user account that
 * created it, which is account data, not data about a registered person. When the module starts holding a
 * person's data (a `person_id` column), replace this with a PersonalDataHolder that exports, erases and merges
 * it (see server/src/modules/remittances/privacy.ts), and the privacy test covers it by itself.
 */
export const __name__Privacy = null;
