import { eq } from 'drizzle-orm';
import type { PersonalDataHolder } from '../../core/people/privacy-registry.js';
import { rmAssociations } from './projects/schema.js';

/**
 * Remittances keeps one kind of personal data: a person named as an association's contact (the person's own fields
 * live in the core registry, which exports and erases them). Erasure detaches the person and keeps the association; a merge of duplicates moves the
 * contact to the person that stays.
 */
export const remittancesPrivacy: PersonalDataHolder = {
  owner: 'remittances',
  holds: [{ table: 'rm_associations', fields: ['contact_person_id'], purpose: 'Reach the migrant association that proposes co-funded projects' }],
  async exportPerson(tx, personId) {
    const rows = await tx
      .select({ id: rmAssociations.id, name: rmAssociations.name, residence_city: rmAssociations.residenceCity, status: rmAssociations.status })
      .from(rmAssociations)
      .where(eq(rmAssociations.contactPersonId, personId));
    return { contact_of_associations: rows };
  },
  async mergePerson(tx, fromPersonId, intoPersonId) {
    const moved = await tx.update(rmAssociations).set({ contactPersonId: intoPersonId }).where(eq(rmAssociations.contactPersonId, fromPersonId)).returning({ id: rmAssociations.id });
    return moved.length;
  },
  async erasePerson(tx, personId) {
    const detached = await tx.update(rmAssociations).set({ contactPersonId: null }).where(eq(rmAssociations.contactPersonId, personId)).returning({ id: rmAssociations.id });
    return detached.length;
  },
};
