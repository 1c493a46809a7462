import type { PersonalDataHolder } from '../../core/people/privacy-registry.js';

/** Placeholder while the projects sub-area (which holds association contacts) is built. */
export const remittancesPrivacy: PersonalDataHolder | null = null;
