/**
 * The evidence module keeps no personal data about people in the registry: its tables hold public statistics,
 * national aggregate series, and who (a user account) imported or undid a series, which is account data, not
 * data about a registered person. It therefore holds nothing to export or erase for a person.
 */
export const evidencePrivacy = null;
