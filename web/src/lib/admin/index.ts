// The admins' public module: rounds and questionnaires. Imported only by the lazily loaded admin pages.
export * from './admin-api';
