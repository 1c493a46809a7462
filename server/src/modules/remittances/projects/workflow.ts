import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/engine.js';
import { runStep, type StepDone, type StepOptions, type Workflow } from '../../../core/workflow/step.js';
import { standingOn } from './access.js';
import { mayTake, statusesFor, transition, type ProjectAction, type ProjectStatus, type StepOutcome } from './domain/lifecycle.js';
import { projectTransitionMessages } from './errors.js';
import { rmProjectEvents, rmProjects } from './schema.js';
import { findVisibleProject, type LocatedProject } from './store.js';

/** The status a step leads to, from the lifecycle table (`domain/lifecycle.ts`), given what the step decided. */
export function statusAfter(current: ProjectStatus, outcome: StepOutcome): ProjectStatus {
  const next = transition(current, outcome);
  return next.ok ? next.status : current;
}

/**
 * A co-funded project as a record of the core's workflow (`core/workflow/step.ts`): found and locked among the
 * projects the actor sees, refused (404) when the actor's standing cannot take the step, ordered by the lifecycle
 * table, its history in `rm_project_events`, its audit actions `rm_project.<step>`.
 */
export const projectWorkflow: Workflow<LocatedProject, ProjectStatus, ProjectAction> = {
  auditPrefix: 'rm_project',
  recordType: 'rm_project',
  messages: projectTransitionMessages,
  lockInScope: (tx, ctx, id) => findVisibleProject(tx, ctx.actor, id, true),
  describe: (r) => ({ status: r.project.status, orgUnitCode: r.orgUnitCode }),
  mayAct: (ctx, r, action) => mayTake(action, standingOn(ctx.actor, r)),
  from: statusesFor,
  // Check and decide say where they lead by what they found (`StepDone.to`); the other steps by the table alone.
  to: (current, action) => (action === 'check' || action === 'decide' ? current : statusAfter(current, { action })),
  async setStatus(tx, id, status) {
    await tx.update(rmProjects).set({ status, updatedAt: new Date() }).where(eq(rmProjects.id, id));
  },
  async writeEvent(tx, ctx, event) {
    await tx.insert(rmProjectEvents).values({ projectId: event.recordId, step: event.name, statusAfter: event.to, actorId: ctx.actor.userId, note: event.note });
  },
};

/** One step on a project (see `runStep`): lock among the visible ones, standing (404), order (409), work, status, history and audit. */
export const withProject = <T>(
  ctx: RequestContext,
  id: string,
  action: ProjectAction,
  work: (tx: Tx, r: LocatedProject) => Promise<StepDone<T, ProjectStatus>>,
  options?: StepOptions<LocatedProject, T>,
): Promise<T> => runStep(ctx, projectWorkflow, id, action, work, options);
