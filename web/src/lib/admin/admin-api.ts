// The admins' calls for rounds and questionnaires (API.md, *Rounds* and *Surveys*). Kept out of api.ts so they
// load with the admin pages, not at a collector's start. Errors arrive as ApiError with their issues.
import type { Definition } from '@shared/questionnaire';
import type { CreateRoundRequest, UpdateRoundRequest } from '@shared/rounds/round-requests';
import * as z from 'zod/mini';
import { type AreaSetView, listAreaSets as officialsAreaSets } from '../officials/area-sets-api';
import { api } from '../platform/api';
import { RoundViewSchema } from '../platform/api-schemas';
import { filenameFromContentDisposition } from '../platform/download';
import type { RoundView } from '../platform/rounds';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SurveySummarySchema = z.object({
  id: z.string(),
  version: z.number(),
  status: z.string(),
  title: z.optional(z.object({ vi: z.string(), en: z.string() })),
});
export type SurveySummary = z.infer<typeof SurveySummarySchema>;

export async function listSurveys(): Promise<SurveySummary[]> {
  return (await api.json(z.object({ surveys: z.array(SurveySummarySchema) }), await api.request('GET', '/api/surveys'))).surveys;
}

/** Any version, draft or published (the definition as JSON; the preview and the workbook read it). */
export async function getSurvey(id: string, version: number): Promise<Definition> {
  const response = await api.request('GET', `/api/surveys/${encodeURIComponent(id)}/${version}`);
  const data = (await response.json()) as { definition?: Definition } & Definition;
  return data.definition ?? data;
}

/** Uploads a definition (a .json file) or an XLSForm workbook (.xlsx) as a draft. */
export async function uploadSurvey(file: File) {
  const xlsx = /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE;
  const response = xlsx
    ? await api.request('POST', '/api/surveys', { text: { body: file, contentType: XLSX_TYPE } })
    : await api.request('POST', '/api/surveys', { text: { body: await file.text(), contentType: 'application/json' } });
  return api.json(SurveySummarySchema, response);
}

export async function publishSurvey(id: string, version: number) {
  await api.request('POST', `/api/surveys/${encodeURIComponent(id)}/${version}/publish`);
}

/** The version as an XLSForm workbook, written by the server (the same conversion its upload reads). */
export async function surveyWorkbook(id: string, version: number) {
  const response = await api.request('GET', `/api/surveys/${encodeURIComponent(id)}/${version}.xlsx`, { accept: XLSX_TYPE });
  const filename = filenameFromContentDisposition(response.headers.get('content-disposition'), `${id}-v${version}.xlsx`);
  return { blob: await response.blob(), filename };
}

export type RoundInput = CreateRoundRequest;

export async function createRound(input: RoundInput): Promise<RoundView> {
  return api.json(RoundViewSchema, await api.request('POST', '/api/rounds', { body: input }));
}

export async function updateRound(id: string, changes: UpdateRoundRequest): Promise<RoundView> {
  return api.json(RoundViewSchema, await api.request('PATCH', `/api/rounds/${encodeURIComponent(id)}`, { body: changes }));
}

/** The area sets a round may pin; none from a server before area sets (a round then takes the current areas). */
export async function listAreaSets(): Promise<AreaSetView[]> {
  return officialsAreaSets().catch(() => []);
}
