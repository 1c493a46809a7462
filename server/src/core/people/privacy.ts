import { and, eq, notInArray } from 'drizzle-orm';
import type { SealedTable } from '../keys/sealed.js';
import { consents, personDocuments, persons } from './schema.js';
import type { PersonalDataHolder } from './privacy-registry.js';
import { documentKey } from './rules.js';
import { documentHint, openDocuments } from './store.js';
import { snakeCaseKeys } from '../http/presenters.js';

/** Identity-document numbers are sealed; `number_key` is their blind index (see `person_documents`). */
export const peopleSealed: SealedTable[] = [{ table: 'person_documents', idColumn: 'id', columns: ['number'], index: { of: 'number', column: 'number_key', normalise: documentKey } }];

/** The core registry's own personal data: the person and their consent records. */
export const peoplePrivacy: PersonalDataHolder = {
  owner: 'people',
  holds: [
    { table: 'persons', fields: ['given_name', 'family_name', 'birth_date', 'sex', 'nationality_iso3', 'phone', 'email', 'languages'], purpose: 'Identify the person across programmes' },
    { table: 'person_documents', fields: ['kind', 'number', 'issuing_country_iso3'], purpose: 'Identify the person and find duplicate records' },
    { table: 'consents', fields: ['purpose', 'partner', 'scope', 'channel', 'given_at', 'withdrawn_at'], purpose: 'Record what the person agreed to and when' },
  ],
  async exportPerson(tx, personId, access) {
    const [person] = await tx.select().from(persons).where(eq(persons.id, personId));
    const consentRows = await tx.select().from(consents).where(eq(consents.personId, personId));
    // The person's own documents, opened (the blind index means nothing outside the platform); the numbers are
    // protected like the reintegration fields: without cases.protected and the step-up, the hint stands in their place.
    const documents = (await openDocuments(tx, access.keyring, await tx.select().from(personDocuments).where(eq(personDocuments.personId, personId)))).map(({ numberKey: _key, ...d }) =>
      snakeCaseKeys(access.protected ? d : { ...d, number: null, numberHint: documentHint(d.number), withheld: true }),
    );
    return { person: person && snakeCaseKeys(person), documents, consents: consentRows.map(snakeCaseKeys) };
  },
  async erasePerson(tx, personId) {
    const removedDocuments = await tx.delete(personDocuments).where(eq(personDocuments.personId, personId)).returning({ id: personDocuments.id });
    const removedConsents = await tx.delete(consents).where(eq(consents.personId, personId)).returning({ id: consents.id });
    const removed = await tx.delete(persons).where(eq(persons.id, personId)).returning({ id: persons.id });
    return removedDocuments.length + removedConsents.length + removed.length;
  },
  async mergePerson(tx, fromPersonId, intoPersonId) {
    const movedConsents = await tx.update(consents).set({ personId: intoPersonId }).where(eq(consents.personId, fromPersonId)).returning({ id: consents.id });
    // A document both records hold stays once, on the survivor.
    const keptKeys = (await tx.select({ key: personDocuments.numberKey }).from(personDocuments).where(eq(personDocuments.personId, intoPersonId))).map((d) => d.key);
    const movable = keptKeys.length ? and(eq(personDocuments.personId, fromPersonId), notInArray(personDocuments.numberKey, keptKeys)) : eq(personDocuments.personId, fromPersonId);
    const movedDocuments = await tx.update(personDocuments).set({ personId: intoPersonId }).where(movable).returning({ id: personDocuments.id });
    return movedConsents.length + movedDocuments.length;
  },
};
