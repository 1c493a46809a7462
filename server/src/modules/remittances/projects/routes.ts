import type { FastifyPluginAsync } from 'fastify';
import { sendDownload } from '../../../core/http/download.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { actorOf } from '../../../core/http/auth-hooks.js';
import { errorResponses } from '../../../core/http/presenters.js';
import * as api from './api.js';
import { listAssociations, createAssociation, getAssociation, validateAssociation } from './associations.js';
import { downloadAttachment, uploadAttachment } from './attachments.js';
import { investmentIn } from './investment.js';
import { checkProject, closeProject, decideProject, editProject, getProject, proposeProject, recordContribution, reportProgress, resubmitProject, scoreProject, signAgreement } from './projects.js';
import { createScheme, getScheme, listSchemes, presentScheme, retireScheme } from './schemes.js';
import { listVisibleProjects } from './store.js';

/**
 * Routes of the co-funded projects (docs/api.md). Thin: parse, call the service, answer. Verbs are checked by the
 * route's `permission` before the body is read; scope and membership in the queries (404 outside them); the order of
 * steps by the state machine (409).
 */

const conflicts = { 409: errorResponses[400] };
const projectAnswer = { 200: api.projectSchema, ...errorResponses, ...conflicts };

export const projectRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['remittances: projects'];

    // --- Attachments ---
    app.post(
      '/attachments',
      {
        config: { permission: ['projects.propose', 'projects.manage', 'projects.decide'] },
        // A 5 MB file is about 6.7 MB in base64: this route alone takes bodies that large.
        bodyLimit: 8 * 1024 * 1024,
        schema: { tags, summary: 'Upload a file (PDF, JPEG or PNG, ≤ 5 MB) to link from a form', body: api.attachmentBody, response: { 201: api.attachmentSchema, ...errorResponses } },
      },
      async (request, reply) => reply.status(201).send(await uploadAttachment(ctx, actorOf(request), request.meta, request.body, request.locale)),
    );

    app.get(
      '/attachments/:id',
      { config: { access: 'active' }, schema: { tags, summary: 'Download a file linked to an association or project I can see', params: api.idParams, response: { ...errorResponses } } },
      async (request, reply) => {
        const file = await downloadAttachment(ctx, actorOf(request), request.meta, request.params.id);
        // Named with the extension of the type verified at upload (`poly.html` holding a PDF is saved as `poly.pdf`).
        return sendDownload(reply, { fileName: file.fileName, contentType: file.contentType, body: Buffer.from(file.data) }); // raw bytes: no JSON serialiser for 200
      },
    );

    // --- Funding schemes ---
    app.get(
      '/schemes',
      { config: { access: 'public' }, schema: { tags, summary: 'Funding schemes with their parties, shares, caps and published criteria', response: { 200: z.object({ items: z.array(api.schemeSchema) }), ...errorResponses } } },
      async () => ({ items: (await listSchemes(ctx.db)).map(presentScheme) }),
    );

    app.get(
      '/schemes/:id',
      { config: { access: 'public' }, schema: { tags, summary: 'One funding scheme', params: api.idParams, response: { 200: api.schemeSchema, ...errorResponses } } },
      async (request) => presentScheme(await getScheme(ctx.db, request.params.id)),
    );

    app.post(
      '/schemes',
      { config: { permission: 'schemes.manage' }, schema: { tags, summary: 'Define a funding scheme (shares of each rule sum to 100 %)', body: api.schemeBody, response: { 201: api.schemeSchema, ...errorResponses } } },
      async (request, reply) => reply.status(201).send(presentScheme(await createScheme(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.body, request.locale))),
    );

    app.post(
      '/schemes/:id/retire',
      { config: { permission: 'schemes.manage' }, schema: { tags, summary: 'Retire a scheme: its projects go on, no new ones', params: api.idParams, response: { 200: api.schemeSchema, ...errorResponses } } },
      async (request) => presentScheme(await retireScheme(ctx, actorOf(request), request.meta, request.params.id)),
    );

    // --- Associations ---
    app.get(
      '/associations',
      {
        config: { access: 'active' },
        schema: { tags, summary: 'Associations: my own, or all for officers (projects.manage)', querystring: z.strictObject({ status: z.enum(api.ASSOCIATION_STATUSES).optional() }), response: { 200: z.object({ items: z.array(api.associationSummarySchema) }), ...errorResponses } },
      },
      async (request) => ({ items: await listAssociations(ctx, actorOf(request), request.query.status, request.locale) }),
    );

    app.post(
      '/associations',
      { config: { permission: 'projects.propose' }, schema: { tags, summary: 'Register a migrant association (I become its member)', body: api.associationBody, response: { 201: api.associationSchema, ...errorResponses } } },
      async (request, reply) => reply.status(201).send(await createAssociation(ctx, actorOf(request), request.meta, request.body, request.locale)),
    );

    app.get(
      '/associations/:id',
      { config: { access: 'active' }, schema: { tags, summary: 'One association with its contact (the read is audited)', params: api.idParams, response: { 200: api.associationSchema, ...errorResponses } } },
      async (request) => getAssociation(ctx, actorOf(request), request.meta, request.params.id, request.locale),
    );

    app.post(
      '/associations/:id/validate',
      { config: { permission: 'projects.manage' }, schema: { tags, summary: 'Validate or reject a pending association', params: api.idParams, body: api.validationBody, response: { 200: api.associationSchema, ...errorResponses, ...conflicts } } },
      async (request) => validateAssociation(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    // --- Projects ---
    app.get(
      '/projects',
      { config: { access: 'active' }, schema: { tags, summary: 'Projects I can see (my associations\', or those in my view scope)', querystring: api.projectQuery, response: { 200: z.object({ items: z.array(api.projectSummarySchema) }), ...errorResponses } } },
      async (request) => ({ items: await listVisibleProjects(ctx.db, actorOf(request), request.query, request.locale) }),
    );

    app.post(
      '/projects',
      { config: { permission: 'projects.propose' }, schema: { tags, summary: 'Propose a project for a validated association I belong to', body: api.proposalBody, response: { 201: api.projectSchema, ...errorResponses } } },
      async (request, reply) => reply.status(201).send(await proposeProject(ctx, actorOf(request), request.meta, request.body, request.locale)),
    );

    app.get(
      '/projects/:id',
      { config: { access: 'active' }, schema: { tags, summary: 'One project, with what I may do on it now (allowed_actions)', params: api.idParams, response: { 200: api.projectSchema, ...errorResponses } } },
      async (request) => getProject(ctx, actorOf(request), request.params.id, request.locale),
    );

    app.patch(
      '/projects/:id',
      { config: { permission: 'projects.propose' }, schema: { tags, summary: 'Change a returned proposal', params: api.idParams, body: api.editBody, response: projectAnswer } },
      async (request) => editProject(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    app.post(
      '/projects/:id/resubmit',
      { config: { permission: 'projects.propose' }, schema: { tags, summary: 'Submit a returned proposal again', params: api.idParams, response: projectAnswer } },
      async (request) => resubmitProject(ctx, actorOf(request), request.meta, request.params.id, request.locale),
    );

    app.post(
      '/projects/:id/check',
      { config: { permission: 'projects.manage' }, schema: { tags, summary: 'Check a submission for completeness (in review, or returned with what is missing)', params: api.idParams, body: api.checkBody, response: projectAnswer } },
      async (request) => checkProject(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    app.put(
      '/projects/:id/scores',
      { config: { permission: 'projects.score' }, schema: { tags, summary: 'My score sheet: every criterion of the scheme once, 0–10', params: api.idParams, body: api.scoresBody, response: projectAnswer } },
      async (request) => scoreProject(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    app.post(
      '/projects/:id/decision',
      { config: { permission: 'projects.decide' }, schema: { tags, summary: 'Approve (fixing each party\'s commitment) or reject, with reasons and minutes', params: api.idParams, body: api.decisionBody, response: projectAnswer } },
      async (request) => decideProject(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    app.post(
      '/projects/:id/agreement',
      { config: { permission: 'projects.manage' }, schema: { tags, summary: 'Record the signed co-funding agreement', params: api.idParams, body: api.agreementBody, response: projectAnswer } },
      async (request) => signAgreement(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    app.post(
      '/projects/:id/contributions',
      {
        config: { permission: 'projects.manage' },
        schema: {
          tags,
          summary: 'Record a party\'s contribution (201; the same idempotency key with the same content answers 200 and writes nothing)',
          params: api.idParams,
          body: api.contributionBody,
          response: { 201: api.projectSchema, ...projectAnswer },
        },
      },
      async (request, reply) => {
        const { project, replayed } = await recordContribution(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale);
        return reply.status(replayed ? 200 : 201).send(project);
      },
    );

    app.post(
      '/projects/:id/progress',
      {
        // An officer, or a member of the association (membership is checked by the service).
        config: { permission: ['projects.manage', 'projects.propose'] },
        schema: { tags, summary: 'A quarterly progress report: physical % and cumulative spending', params: api.idParams, body: api.progressBody, response: { 201: api.projectSchema, ...projectAnswer } },
      },
      async (request, reply) => reply.status(201).send(await reportProgress(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale)),
    );

    app.post(
      '/projects/:id/close',
      { config: { permission: 'projects.manage' }, schema: { tags, summary: 'Close a finished project with its outcomes', params: api.idParams, body: api.closeBody, response: projectAnswer } },
      async (request) => closeProject(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    // --- Investment ---
    app.get(
      '/investment',
      { config: { access: 'public' }, schema: { tags, summary: 'Investment of approved projects in a country, by locality and by source of funds', querystring: api.investmentQuery, response: { 200: api.investmentSchema, ...errorResponses } } },
      async (request) => investmentIn(ctx, request.query.country, request.locale),
    );
  };
