/**
 * The answers of the sustainability scores, instruments, supervision and dashboard routes, read from the OpenAPI
 * document (`app/api/types.ts`); the lists the pages show are checked against it.
 */
import { everyValueOf, type Answer, type Item } from '../../../app/api/types';

export type Instrument = Answer<'/reintegration/instruments/{id}'>;
export type InstrumentSummary = Item<Answer<'/reintegration/instruments'>['items']>;
export type ScoreDimension = Item<Instrument['dimensions']>['code'];
export const SCORE_DIMENSIONS = everyValueOf<ScoreDimension>()(['economic', 'social', 'psychosocial']);
/** The three dimensions and the composite, in the order the pages show them. */
export const MEASURES = [...SCORE_DIMENSIONS, 'composite'] as const;
export type Measure = (typeof MEASURES)[number];

export type Scores = Answer<'/reintegration/cases/{id}/scores'>;
export type Score = Item<Scores['items']>;
export type Occasion = Score['occasion'];

export type Supervision = Answer<'/reintegration/supervision'>;
export type Dashboard = Answer<'/reintegration/dashboard'>;
/** Means of one group of returnees' latest scores (null when the group has none). */
export type ScoreMeans = Dashboard['scores']['total'];
