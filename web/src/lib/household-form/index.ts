// The household form's public module: its state and request body, its issues, and the hook pages use.
// Shared by the collector's form and the household's own (self-report) form.

export * from './form-issues';
export * from './form-state';
export * from './load-definition';
export * from './use-household-form';
