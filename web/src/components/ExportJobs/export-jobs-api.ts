// The export jobs' two calls (POST /api/exports, GET /api/exports/{id}). Kept with the component: only the
// results page (a lazy chunk) loads it.
import { ExportJobAcceptedSchema, type ExportJobRequest, type ExportJobView, ExportJobViewSchema } from '@shared/api/exports';
import { api } from '../../lib/platform/api';

export async function startExportJob(request: ExportJobRequest): Promise<{ id: string }> {
  return api.json(ExportJobAcceptedSchema, await api.request('POST', '/api/exports', { body: request }));
}

export async function exportJob(id: string): Promise<ExportJobView> {
  return api.json(ExportJobViewSchema, await api.request('GET', `/api/exports/${encodeURIComponent(id)}`));
}
