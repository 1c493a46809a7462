/**
 * The shapes of the co-funded projects API (docs/api.md), read from the OpenAPI document (`app/api/types.ts`); the
 * lists the pages offer are checked against it.
 */
import { everyValueOf, type Answer, type Item } from '../../../app/api/types';

export type Project = Answer<'/remittances/projects/{id}'>;
export type ProjectSummary = Item<Answer<'/remittances/projects'>['items']>;
export type ProjectAction = Item<Project['allowed_actions']>;
export type Attachment = Item<Project['attachments']>;
export type Scheme = Answer<'/remittances/schemes/{id}'>;
export type Party = Item<Scheme['parties']>;
export type SchemeRule = Item<Scheme['rules']>;
export type Criterion = Item<Scheme['criteria']>;
export type ScoreSheet = Item<Project['scores']['sheets']>;
export type Commitment = Item<Project['commitments']>;
export type ProgressReport = Item<Project['progress']>;
export type Association = Answer<'/remittances/associations/{id}'>;
export type AssociationSummary = Item<Answer<'/remittances/associations'>['items']>;
export type Investment = Answer<'/remittances/investment'>;

export type ProjectType = Project['project_type'];
export const PROJECT_TYPES = everyValueOf<ProjectType>()(['infrastructure', 'productive', 'social', 'education']);

export type ProjectStatus = Project['status'];
/** In lifecycle order (the two final refusals last): the step indicator follows this order. */
export const PROJECT_STATUSES = everyValueOf<ProjectStatus>()(['submitted', 'returned', 'in_review', 'approved', 'agreement_signed', 'in_execution', 'closed', 'rejected']);

export type AssociationStatus = AssociationSummary['status'];
export const ASSOCIATION_STATUSES = everyValueOf<AssociationStatus>()(['pending', 'validated', 'rejected']);
