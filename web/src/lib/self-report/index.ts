// Self-report links' public module: the household's own form (draft per link, what a 409 means) and the
// links page (pasted and roster households, dates in Vietnam's time zone). Loaded only by lazy pages.

export * from './link-dates';
export * from './link-pages';
export * from './named-households';
export * from './self-conflict';
export * from './self-draft';
export * from './self-entry';
