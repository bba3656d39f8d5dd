// The languages of the app, at the bottom of shared/: the message tables, the form's labels and the
// translating edges all name them.
export type Lang = 'vi' | 'en';
