// The contract's schemas the API client parses answers with. Their own chunk, loaded with the first answer to
// parse (and precached for offline use): zod and the schemas stay out of a collector's first download.
export {
  AreasResponseSchema,
  ErrorBodySchema,
  PutResponseResultSchema,
  ResponsesPageSchema,
  RoundSchema as RoundViewSchema,
  RoundsResponseSchema as RoundViewsSchema,
  SessionResponseSchema,
  StoredResponseSchema,
} from '@shared/api/contract';
export { LinksResponseSchema, SelfCodeAnswerSchema, SelfFormSchema } from '@shared/api/links';
