import { sha256Hex } from '../core/crypto.js';
import { loadActor } from '../core/access/store.js';
import type { AppContext, RequestContext } from '../core/context.js';
import { createPerson, type DocumentInput, type PersonInput } from '../core/people/service.js';
import { addActivity, registerCase } from '../modules/reintegration/cases.js';
import type { ActivityInput, CaseInput } from '../modules/reintegration/api.js';
import type { Session } from './platform.js';

/**
 * Factories for module-level database tests: a person, a case, written through the actions themselves (no HTTP),
 * so a test's setup costs the writes and not the request chain. The route behaviour and the authorization walk keep
 * their HTTP tests; these are for the arrangements before them. (`fixtures.ts` holds the other kind: one row of every
 * table, inserted directly, for backups.)
 */

const TEST_META = { ip: '203.0.113.9', requestId: 'test-factory', userAgent: 'vitest' };

/** The request context of a signed-in test session: its user, as the request chain would load them. */
export async function contextOf(ctx: AppContext, session: Session): Promise<RequestContext> {
  const token = session.cookie.replace(/^mide_session=/, '');
  const actor = await loadActor(ctx.db, sha256Hex(token), ctx.config.sessionIdleMinutes);
  if (!actor) throw new Error('factories: the session is not signed in');
  return { ...ctx, actor, meta: TEST_META };
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A person of the registry in `orgUnitCode` (inside the user's capture scope), with documents if given. */
export async function newPerson(rc: RequestContext, input: Partial<PersonInput> & { familyName: string; orgUnitCode: string }): Promise<{ id: string }> {
  const person = await createPerson(rc, { ...input, givenName: input.givenName ?? 'Luz' });
  return { id: person.person.id };
}

/**
 * A returnee's case registered at arrival (a new person unless `personId` is given), in `org_unit`, arrived today
 * unless told; `activity` adds a first plan activity, which starts planning.
 */
export async function newCase(
  rc: RequestContext,
  input: Partial<CaseInput> & { org_unit: string; familyName?: string; givenName?: string; documents?: DocumentInput[]; activity?: ActivityInput },
) {
  const { familyName, givenName, documents, activity, ...fields } = input;
  const personId = fields.person_id ?? (await newPerson(rc, { givenName, familyName: familyName ?? 'Coj', orgUnitCode: input.org_unit, documents })).id;
  const view = await registerCase(rc, {
    arrival_date: daysAgo(0),
    returned_from_iso3: 'USA',
    return_how: 'forced',
    household_size: 1,
    immediate_needs: [],
    ...fields,
    person_id: personId,
  });
  if (activity) await addActivity(rc, view.row.case.id, activity);
  return { id: view.row.case.id, reference: view.row.case.reference, personId };
}
