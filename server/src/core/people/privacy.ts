import { eq } from 'drizzle-orm';
import { consents, persons } from './schema.js';
import type { PersonalDataHolder } from './privacy-registry.js';

/** The core registry's own personal data: the person and their consent records. */
export const peoplePrivacy: PersonalDataHolder = {
  owner: 'people',
  holds: [
    { table: 'persons', fields: ['given_name', 'family_name', 'birth_date', 'sex', 'nationality_iso3', 'phone', 'email'], purpose: 'Identify the person across programmes' },
    { table: 'consents', fields: ['purpose', 'scope', 'channel', 'given_at', 'withdrawn_at'], purpose: 'Record what the person agreed to and when' },
  ],
  async exportPerson(tx, personId) {
    const [person] = await tx.select().from(persons).where(eq(persons.id, personId));
    const consentRows = await tx.select().from(consents).where(eq(consents.personId, personId));
    return { person, consents: consentRows };
  },
  async erasePerson(tx, personId) {
    const removedConsents = await tx.delete(consents).where(eq(consents.personId, personId)).returning({ id: consents.id });
    const removed = await tx.delete(persons).where(eq(persons.id, personId)).returning({ id: persons.id });
    return removedConsents.length + removed.length;
  },
};
