import type { FastifyPluginAsync } from 'fastify';
import { downloadHeaders } from '../../core/http/download.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../core/access/permissions.js';
import type { AppContext } from '../../core/context.js';
import { actorOf } from '../../core/http/auth-hooks.js';
import { errorResponses } from '../../core/http/presenters.js';
import { assessmentInput } from './domain/assessments.js';
import { verbFor } from './domain/lifecycle.js';
import * as api from './api.js';
import {
  addActivity,
  addAssessment,
  createReferral,
  decideClosure,
  decidePlan,
  exportCase,
  getCase,
  getHistory,
  getPlan,
  listCases,
  recordFollowUp,
  recordPartnerResponse,
  recordProtected,
  reassignCaseworker,
  recordReferralOutcome,
  registerCase,
  removeActivity,
  requestClosure,
  revealProtected,
  scheduleFollowUp,
  submitPlan,
  supervision,
  updateActivity,
} from './cases.js';
import { listCategories, loadGrid, replaceCategories, replaceGrid } from './configuration.js';
import { dashboard } from './dashboard.js';
import { activateInstrument, getActiveInstrument, getInstrument, listInstruments, listScores, loadInstrument, recordScore } from './scores.js';
import { localName } from '../../core/http/presenters.js';

/**
 * Routes of returnee reintegration case management, under /api/v1/reintegration (its prefix, mounted by the core). Thin: parse, call one action,
 * answer. The verb is checked by the route's `permission` (the lifecycle's verb for steps), the scope in the query
 * (404 outside it), the order of steps by the state machine (409).
 */

const conflicts = { 409: errorResponses[400] };
const answers = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses, ...conflicts });
const created = <T extends z.ZodType>(schema: T) => ({ 201: schema, ...errorResponses, ...conflicts });

export const reintegrationRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['reintegration'];
    const caseAnswer = answers(api.caseSchema);

    // --- Caseload and cases ---
    app.get(
      '/cases',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'The caseload in my view scope: filters, name/document/reference search, pages', querystring: api.caseloadQuery, response: answers(api.caseloadSchema) } },
      async (request) => listCases(ctx, actorOf(request), request.meta, request.locale, request.query),
    );
    app.post(
      '/cases',
      { config: { permission: 'cases.write' }, schema: { tags, summary: 'Register a returnee at arrival (the person is registered first)', body: api.caseBody, response: created(api.caseSchema) } },
      async (request, reply) => reply.status(201).send(await registerCase(ctx, actorOf(request), request.meta, request.locale, request.body)),
    );
    app.get(
      '/cases/:id',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'One case (read audited; protected fields masked)', params: api.idParams, response: caseAnswer } },
      async (request) => getCase(ctx, actorOf(request), request.meta, request.locale, request.params.id),
    );
    app.get(
      '/cases/:id/history',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'Every step and piece of work on the case, in order', params: api.idParams, response: answers(api.historySchema) } },
      async (request) => getHistory(ctx, actorOf(request), request.meta, request.params.id),
    );
    app.post(
      '/cases/:id/assessments',
      { config: { permission: verbFor('assess') }, schema: { tags, summary: 'Record an assessment: vulnerability, needs, skills or remittances', params: api.idParams, body: assessmentInput, response: caseAnswer } },
      async (request) => addAssessment(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body),
    );
    app.put(
      '/cases/:id/protected',
      { config: { permission: verbFor('assess') }, schema: { tags, summary: 'Record protected fields (read back only through reveal)', params: api.idParams, body: api.protectedBody, response: caseAnswer } },
      async (request) => recordProtected(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body),
    );
    app.post(
      '/cases/:id/reveal',
      { config: { permission: 'cases.protected' }, schema: { tags, summary: 'Show the protected fields: password (or second-factor code) again; audited', params: api.idParams, body: api.reauthBody, response: answers(api.sensitiveSchema) } },
      async (request) => revealProtected(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body),
    );
    app.post(
      '/cases/:id/export',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'Export one case as JSON: password (or second-factor code) again; audited', params: api.idParams, body: api.reauthBody, response: answers(api.exportSchema) } },
      async (request, reply) =>
        downloadHeaders(reply, `case-${request.params.id}.json`).send(await exportCase(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body)),
    );

    // --- The plan ---
    app.get(
      '/cases/:id/plan',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'The plan: activities, due date, and the grid’s proposals for the assessed needs', params: api.idParams, response: answers(api.planSchema) } },
      async (request) => getPlan(ctx, actorOf(request), request.meta, request.params.id),
    );
    app.post(
      '/cases/:id/plan/activities',
      { config: { permission: verbFor('plan') }, schema: { tags, summary: 'Add a plan activity (the first one starts planning)', params: api.idParams, body: api.activityBody, response: created(api.activitySchema) } },
      async (request, reply) => reply.status(201).send(await addActivity(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body)),
    );
    app.patch(
      '/cases/:id/plan/activities/:activityId',
      { config: { permission: verbFor('update_activity') }, schema: { tags, summary: 'Change an activity while planning, or its progress once the plan is approved', params: api.activityParams, body: api.activityPatch, response: answers(api.activitySchema) } },
      async (request) => updateActivity(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.params.activityId, request.body),
    );
    app.delete(
      '/cases/:id/plan/activities/:activityId',
      { config: { permission: verbFor('plan') }, schema: { tags, summary: 'Remove an activity while planning', params: api.activityParams, response: { 204: z.null(), ...errorResponses, ...conflicts } } },
      async (request, reply) => {
        await removeActivity(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.params.activityId);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/cases/:id/plan/submit',
      { config: { permission: verbFor('submit_plan') }, schema: { tags, summary: 'Submit the plan to a supervisor', params: api.idParams, response: caseAnswer } },
      async (request) => submitPlan(ctx, actorOf(request), request.meta, request.locale, request.params.id),
    );
    app.post(
      '/cases/:id/plan/approve',
      { config: { permission: verbFor('approve_plan') }, schema: { tags, summary: 'Approve the submitted plan: the case becomes active', params: api.idParams, body: api.noteBody.optional(), response: caseAnswer } },
      async (request) => decidePlan(ctx, actorOf(request), request.meta, request.locale, request.params.id, true, request.body?.note),
    );
    app.post(
      '/cases/:id/plan/return',
      { config: { permission: verbFor('return_plan') }, schema: { tags, summary: 'Return the submitted plan to planning, saying why', params: api.idParams, body: api.returnBody, response: caseAnswer } },
      async (request) => decidePlan(ctx, actorOf(request), request.meta, request.locale, request.params.id, false, request.body.note),
    );

    // --- Referrals ---
    app.post(
      '/cases/:id/referrals',
      {
        config: { permission: verbFor('refer') },
        schema: { tags, summary: 'Refer to a partner: needs the person’s consent to share with it, or consent.override and a reason', params: api.idParams, body: api.referralBody, response: created(api.referralSchema) },
      },
      async (request, reply) => reply.status(201).send(await createReferral(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/referrals/:referralId/response',
      { config: { permission: verbFor('referral_update') }, schema: { tags, summary: 'Record the partner’s acceptance or refusal (also while closure is requested)', params: api.referralParams, body: api.referralResponseBody, response: answers(api.referralSchema) } },
      async (request) => recordPartnerResponse(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.params.referralId, request.body),
    );
    app.post(
      '/cases/:id/referrals/:referralId/outcome',
      { config: { permission: verbFor('referral_update') }, schema: { tags, summary: 'Record the outcome of an accepted referral (also while closure is requested)', params: api.referralParams, body: api.referralOutcomeBody, response: answers(api.referralSchema) } },
      async (request) => recordReferralOutcome(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.params.referralId, request.body),
    );

    // --- Follow-ups ---
    app.post(
      '/cases/:id/follow-ups',
      { config: { permission: verbFor('follow_up') }, schema: { tags, summary: 'Schedule a follow-up', params: api.idParams, body: api.followUpBody, response: created(api.followUpSchema) } },
      async (request, reply) => reply.status(201).send(await scheduleFollowUp(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body.scheduled_on)),
    );
    app.post(
      '/cases/:id/follow-ups/:followUpId/record',
      { config: { permission: verbFor('follow_up') }, schema: { tags, summary: 'Record a follow-up that took place', params: api.followUpParams, body: api.followUpRecordBody, response: answers(api.followUpSchema) } },
      async (request) => recordFollowUp(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.params.followUpId, request.body),
    );

    // --- Closure ---
    app.post(
      '/cases/:id/closure',
      { config: { permission: verbFor('request_closure') }, schema: { tags, summary: 'Request closure with a reason', params: api.idParams, body: api.closureBody, response: caseAnswer } },
      async (request) => requestClosure(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body.reason, request.body.note),
    );
    app.post(
      '/cases/:id/closure/approve',
      { config: { permission: verbFor('approve_closure') }, schema: { tags, summary: 'Approve the requested closure: the case is closed', params: api.idParams, body: api.noteBody.optional(), response: caseAnswer } },
      async (request) => decideClosure(ctx, actorOf(request), request.meta, request.locale, request.params.id, true, request.body?.note),
    );
    app.post(
      '/cases/:id/closure/refuse',
      { config: { permission: verbFor('refuse_closure') }, schema: { tags, summary: 'Refuse the requested closure: the case is active again', params: api.idParams, body: api.returnBody, response: caseAnswer } },
      async (request) => decideClosure(ctx, actorOf(request), request.meta, request.locale, request.params.id, false, request.body.note),
    );

    // --- Sustainability scores ---
    const instrumentReaders: Permission[] = ['cases.read', 'reintegration.configure'];
    app.get(
      '/instruments',
      { config: { permission: instrumentReaders }, schema: { tags, summary: 'Versions of the sustainability survey (one active)', response: answers(api.instrumentListSchema) } },
      async (request) => listInstruments(ctx, request.locale),
    );
    app.get(
      '/instruments/active',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'The active survey: its questions, options, scores and weights', response: answers(api.instrumentSchema) } },
      async (request) => getActiveInstrument(ctx, request.locale),
    );
    app.get(
      '/instruments/:id',
      { config: { permission: instrumentReaders }, schema: { tags, summary: 'One version of the survey', params: api.idParams, response: answers(api.instrumentSchema) } },
      async (request) => getInstrument(ctx, request.locale, request.params.id),
    );
    app.post(
      '/instruments',
      {
        config: { permission: 'reintegration.configure' },
        schema: { tags, summary: 'Load a survey file (errors name its JSON path); it becomes the active one', body: api.instrumentBody, response: created(api.instrumentSchema) },
      },
      async (request, reply) => reply.status(201).send(await loadInstrument(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.locale, request.body)),
    );
    app.post(
      '/instruments/:id/activate',
      { config: { permission: 'reintegration.configure' }, schema: { tags, summary: 'Make this version the active one', params: api.idParams, response: answers(api.instrumentSchema) } },
      async (request) => activateInstrument(ctx, actorOf(request), request.meta, request.locale, request.params.id),
    );
    app.get(
      '/cases/:id/scores',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'The case’s sustainability scores, oldest first, and the change since the first', params: api.idParams, response: answers(api.scoresSchema) } },
      async (request) => listScores(ctx, actorOf(request), request.meta, request.locale, request.params.id),
    );
    app.post(
      '/cases/:id/scores',
      { config: { permission: verbFor('score') }, schema: { tags, summary: 'Take a score with the active survey, at the plan or at a recorded follow-up', params: api.idParams, body: api.scoreBody, response: created(api.scoreSchema) } },
      async (request, reply) => reply.status(201).send(await recordScore(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body)),
    );
    app.get(
      '/dashboard',
      {
        config: { permission: ['cases.read', 'cases.supervise'] },
        schema: { tags, summary: 'Arrivals, statuses, referrals, closures and scores of a period, in my view scope (counts only)', querystring: api.dashboardQuery, response: answers(api.dashboardSchema) },
      },
      async (request) => dashboard(ctx, actorOf(request), request.meta, request.locale, request.query),
    );

    // --- Supervision ---
    app.post(
      '/cases/:id/caseworker',
      { config: { permission: verbFor('reassign') }, schema: { tags, summary: 'Hand the case to another caseworker (cases.write, capture scope covering the case)', params: api.idParams, body: api.caseworkerBody, response: caseAnswer } },
      async (request) => reassignCaseworker(ctx, actorOf(request), request.meta, request.locale, request.params.id, request.body.caseworker_id),
    );
    app.get(
      '/supervision',
      { config: { permission: 'cases.supervise' }, schema: { tags, summary: 'Approvals waiting, overdue plans and the caseload per caseworker, in my view scope', response: answers(api.supervisionSchema) } },
      async (request) => supervision(ctx, actorOf(request), request.meta, request.locale),
    );

    // --- Configuration ---
    const presentCategory = (c: Awaited<ReturnType<typeof listCategories>>[number], locale: Parameters<typeof localName>[1]) => ({
      country_iso3: c.countryIso3,
      code: c.code,
      label: localName({ nameEs: c.labelEs, nameEn: c.labelEn }, locale),
      label_es: c.labelEs,
      label_en: c.labelEn,
      example: c.example,
    });
    app.get(
      '/return-categories',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'Return categories per country (of its law, where it has them)', querystring: api.categoriesQuery, response: answers(z.object({ items: z.array(api.categorySchema) })) } },
      async (request) => ({ items: (await listCategories(ctx.db, request.query.country)).map((c) => presentCategory(c, request.locale)) }),
    );
    app.put(
      '/return-categories/:country',
      { config: { permission: 'reintegration.configure' }, schema: { tags, summary: 'Replace one country’s return categories', params: api.countryParams, body: api.categoriesBody, response: answers(z.object({ items: z.array(api.categorySchema) })) } },
      async (request) => ({
        items: (await replaceCategories(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.locale, request.params.country, request.body.items)).map((c) => presentCategory(c, request.locale)),
      }),
    );
    app.get(
      '/grid',
      { config: { permission: 'cases.read' }, schema: { tags, summary: 'The response grid: responses proposed per need, in order', response: answers(api.gridSchema) } },
      async () => ({ entries: await loadGrid(ctx.db) }),
    );
    app.put(
      '/grid',
      { config: { permission: 'reintegration.configure' }, schema: { tags, summary: 'Replace the response grid', body: api.gridBody, response: answers(api.gridSchema) } },
      async (request) => ({ entries: await replaceGrid(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.locale, request.body.entries) }),
    );
  };
