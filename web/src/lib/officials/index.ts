// The officials' and admins' public module: their API calls and the results table's sorting. Imported only by
// lazily loaded pages and components, so none of it is in a collector's start.
export * from './officials-api';
export * from './sort-results';
