import { eq } from 'drizzle-orm';
import { scopePrefixes } from '../../core/access/policy.js';
import type { RequestContext } from '../../core/context.js';
import type { Tx } from '../../core/db/engine.js';
import { runStep, type StepDone, type Workflow } from '../../core/workflow/step.js';
import { statusesFor, transition, type CaseAction, type CaseStatus } from './domain/lifecycle.js';
import { caseTransitionMessages } from './errors.js';
import { rnCaseEvents, rnCases } from './schema.js';
import { findCaseInScope, type CaseListRow, type CaseRow } from './store.js';

/**
 * A case as a record of the core's workflow (`core/workflow/step.ts`): found and locked inside the capture scope,
 * its steps ordered by the lifecycle table (`domain/lifecycle.ts`; the verb is the route's `permission`), its history
 * in `rn_case_events`, its audit actions `reintegration.<event>`.
 */
export const caseWorkflow: Workflow<CaseListRow, CaseStatus, CaseAction, Partial<CaseRow>> = {
  auditPrefix: 'reintegration',
  recordType: 'rn_case',
  messages: caseTransitionMessages,
  lockInScope: (tx, ctx, id) => findCaseInScope(tx, id, scopePrefixes(ctx.actor, 'capture'), true),
  describe: (row) => ({ status: row.case.status, orgUnitCode: row.orgUnitCode }),
  from: statusesFor,
  to: (current, action) => {
    const step = transition(current, action);
    return step.ok ? step.status : current;
  },
  async setStatus(tx, id, status, columns) {
    await tx.update(rnCases).set({ ...columns, status, updatedAt: new Date() }).where(eq(rnCases.id, id));
  },
  async writeEvent(tx, ctx, event) {
    await tx.insert(rnCaseEvents).values({
      caseId: event.recordId,
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.displayName,
      action: event.name,
      fromStatus: event.changed ? event.from : null,
      toStatus: event.changed ? event.to : null,
      detail: event.detail,
    });
  },
};

/** One step on a case (see `runStep`): lock in scope, order, work, status, history event and audit entry. */
export const withCase = <T>(ctx: RequestContext, caseId: string, action: CaseAction, work: (tx: Tx, row: CaseListRow) => Promise<StepDone<T, CaseStatus, Partial<CaseRow>>>): Promise<T> =>
  runStep(ctx, caseWorkflow, caseId, action, work);
