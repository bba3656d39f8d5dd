// The admins' public module: rounds, the round's indicator list editor, questionnaires and users' areas.
// Imported only by the lazily loaded admin pages.
export * from './admin-api';
export * from './indicator-draft';
export * from './users-api';
