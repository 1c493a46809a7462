import { appendAudit } from '../audit/store.js';
import { authorFields, type RequestContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { AppError, notFound } from '../http/errors.js';

/**
 * The one way a state-machine record (a reintegration case, a co-funded project) takes a step. In one transaction:
 * the record is found inside the actor's scope and locked (not found: 404), the module's pure transition table says
 * whether the actor may take the step and whether it is in order now (409 `invalid_transition` otherwise), the
 * module's work is done, the status is set, the history event is written and the audit entry appended. Either all
 * of it lands or none.
 */

/** What the core needs to know of a module's workflow; the module keeps its tables and its pure table in `domain/`. */
export interface Workflow<R, S extends string, A extends string, C = never> {
  /** Audit actions are `<auditPrefix>.<event>` (`reintegration.assessed`), on records of `recordType` (`rn_case`). */
  auditPrefix: string;
  recordType: string;
  /** The module's message keys: the refusal naming the current status, and each status's name. */
  messages: TransitionMessages<S>;
  /** The record inside the actor's scope, locked for the step (SELECT ... FOR UPDATE with the scope condition). */
  lockInScope(tx: Tx, ctx: RequestContext, id: string): Promise<R | undefined>;
  describe(record: R): { status: S; orgUnitCode: string | null };
  /** Whether the actor stands where the step needs (a member, a manager...): false is 404, as the record is not theirs to act on. */
  mayAct?(ctx: RequestContext, record: R, action: A): boolean;
  /** The pure table: the statuses an action may start from, and the status it leads to (the work may decide otherwise). */
  from(action: A): readonly S[];
  to(current: S, action: A): S;
  /** Sets the status (and the step's own columns) on the record. */
  setStatus(tx: Tx, id: string, status: S, columns: C | undefined): Promise<void>;
  /** Writes the record's history event (the module's own table). */
  writeEvent(tx: Tx, ctx: RequestContext, event: HistoryEvent<S>): Promise<void>;
}

export interface TransitionMessages<S extends string> {
  /** A message with a `{status}` parameter: "This step is not possible: the case is «{status}»". */
  invalidTransition: string;
  status(status: S): string;
}

export type EventDetail = Record<string, string | number | null>;

export interface HistoryEvent<S extends string> {
  recordId: string;
  /** The event's name: the action, or what the work says happened (`referred_without_consent`). */
  name: string;
  /** The status before the step; null when the record is new. */
  from: S | null;
  to: S;
  changed: boolean;
  detail: EventDetail;
  /** Words a person wrote for this step (reasons, missing items), shown as they are in the history. */
  note: string | null;
}

/** What the module's work on a step answers. */
export interface StepDone<T, S extends string, C = never> {
  result: T;
  /** The history event's name (defaults to the action). */
  event?: string;
  /** The status after the step when the work decides it (a check found the proposal complete or not). */
  to?: S;
  /** Columns of the record to set along with the status. */
  set?: C;
  detail?: EventDetail;
  note?: string | null;
  changedFields?: string[];
}

/** 409 `invalid_transition`: the message names the current status (a key, worded when the answer is written), or says why the step is not ready. */
export function invalidTransition<S extends string>(messages: TransitionMessages<S>, current: S, why?: string): AppError {
  return new AppError('invalid_transition', [why ? { path: 'status', key: why } : { path: 'status', key: messages.invalidTransition, params: { status: { key: messages.status(current) } } }]);
}

export interface StepOptions<R, T> {
  /** Ends the step early with this answer, writing nothing (a request sent again); runs after the lock and the standing check. */
  replay?: (tx: Tx, record: R) => Promise<T | undefined>;
}

export async function runStep<R, S extends string, A extends string, C, T>(
  ctx: RequestContext,
  workflow: Workflow<R, S, A, C>,
  id: string,
  action: A,
  work: (tx: Tx, record: R) => Promise<StepDone<T, S, C>>,
  options: StepOptions<R, T> = {},
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const record = await workflow.lockInScope(tx, ctx, id);
    if (!record || (workflow.mayAct && !workflow.mayAct(ctx, record, action))) throw notFound();
    if (options.replay) {
      const replayed = await options.replay(tx, record);
      if (replayed !== undefined) return replayed;
    }
    const { status: from, orgUnitCode } = workflow.describe(record);
    if (!workflow.from(action).includes(from)) throw invalidTransition(workflow.messages, from);
    const done = await work(tx, record);
    const to = done.to ?? workflow.to(from, action);
    await workflow.setStatus(tx, id, to, done.set);
    await recordHistory(tx, ctx, workflow, {
      recordId: id,
      orgUnitCode,
      name: done.event ?? action,
      from,
      to,
      detail: done.detail,
      note: done.note,
      changedFields: done.changedFields,
    });
    return done.result;
  });
}

export interface HistoryEntry<S extends string> {
  recordId: string;
  orgUnitCode: string | null;
  name: string;
  from: S | null;
  to: S;
  detail?: EventDetail;
  note?: string | null;
  changedFields?: string[];
}

/**
 * The history event and the audit entry of a step, in the step's transaction. `runStep` calls it; so does the action
 * that creates a record (its first event has no `from`).
 */
export async function recordHistory<S extends string>(tx: Tx, ctx: RequestContext, workflow: Pick<Workflow<unknown, S, string, unknown>, 'auditPrefix' | 'recordType' | 'writeEvent'>, entry: HistoryEntry<S>): Promise<void> {
  const changed = entry.from !== entry.to;
  await workflow.writeEvent(tx, ctx, { recordId: entry.recordId, name: entry.name, from: entry.from, to: entry.to, changed, detail: entry.detail ?? {}, note: entry.note ?? null });
  const fields = entry.changedFields ?? [];
  await appendAudit(tx, {
    ...authorFields({ kind: 'user', actor: ctx.actor }),
    ...ctx.meta,
    action: `${workflow.auditPrefix}.${entry.name}`,
    recordType: workflow.recordType,
    recordId: entry.recordId,
    orgUnitCode: entry.orgUnitCode,
    changedFields: changed && entry.from !== null && !fields.includes('status') ? [...fields, 'status'] : fields,
  });
}
