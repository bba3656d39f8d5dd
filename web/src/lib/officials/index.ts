// The officials' and admins' public module: their API calls, the round's indicator list as results carry it,
// live polling and the results table's sorting. Imported only by lazily loaded pages and components, so none of
// it is in a collector's start.

export * from './area-set-labels';
export * from './area-sets-api';
export * from './officials-api';
export * from './readable-levels';
export * from './results-api';
export * from './review-api';
export * from './review-list';
export * from './round-indicators';
export * from './sort-results';
export * from './use-live-polling';
export * from './use-recount';
