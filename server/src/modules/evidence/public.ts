/**
 * The evidence module's public interface: the only file of evidence another module may import (lint rule
 * `mide/boundaries`). Other modules read evidence's public statistics through these typed functions, never its
 * tables, so a change of evidence's columns breaks them at typecheck.
 */
export { latestPairValues, pairValues, seriesPeriods, sourcesById } from './reads.js';
export type { LatestPairQuery, PairValue, SeriesValue, SourceRef } from './reads.js';
