// /api/surveys: admins upload questionnaire versions (JSON or XLSForm .xlsx), read them and publish them; every
// signed-in user reads published versions. /api/forms: a published version as the web app renders it.

import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getOrNotFound, problem } from '../../errors';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import { listSurveys, publishSurvey, type SurveyUpload, surveyWorkbook, uploadSurvey } from '../../services/surveys/surveys-service';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { readJson } from '../request';

export const SURVEYS_UPLOAD_PATH = '/api/surveys';
/** An XLSForm workbook of a few hundred rows is ~50 KB; 1 MB leaves room for styling and images designers add. */
export const SURVEY_MAX_BYTES = 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The `:version` segment: `3` (the definition) or `3.xlsx` (the workbook); anything else is a 404. */
function versionOf(c: AppContext): { version: number; xlsx: boolean } {
  const match = /^(\d{1,6})(\.xlsx)?$/.exec(c.req.param('version') ?? '');
  if (!match) throw problem.notFound();
  return { version: Number(match[1]), xlsx: Boolean(match[2]) };
}

async function uploadOf(c: AppContext): Promise<SurveyUpload> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return { kind: 'xlsx', bytes: Buffer.from(await c.req.arrayBuffer()) };
  if (type === '' || type === 'application/json') return { kind: 'json', definition: await readJson(c) };
  throw problem.invalidField('', 'validation.unsupported_media_type');
}

export function surveyRoutes({ repo, identity, clock }: AppDeps) {
  const deps = { surveys: repo.surveys, clock };
  const limit = bodyLimit({
    maxSize: SURVEY_MAX_BYTES,
    onError: () => {
      throw problem.payloadTooLarge(SURVEY_MAX_BYTES);
    },
  });
  return new Hono<AppEnv>()
    .use(requireUser(identity))
    .post('/', requireUser(identity, 'admin'), limit, async (c) => c.json(await uploadSurvey(await uploadOf(c), c.get('user').username, deps), 201))
    .get('/', async (c) => {
      const all = await listSurveys(repo.surveys);
      const admin = c.get('user').role === 'admin';
      return c.json({ surveys: admin ? all : all.filter((s) => s.status === 'published') });
    })
    .post('/:id/:version/publish', requireUser(identity, 'admin'), async (c) => {
      const { version, xlsx } = versionOf(c);
      if (xlsx) throw problem.notFound();
      return c.json(await publishSurvey(c.req.param('id'), version, c.get('user').username, deps));
    })
    .get('/:id/:version', async (c) => {
      const { version, xlsx } = versionOf(c);
      const record = await repo.surveys.get(c.req.param('id'), version);
      // Drafts are the admins' work in progress: to anyone else they do not exist.
      const visible = getOrNotFound(record && (record.status === 'published' || c.get('user').role === 'admin') ? record : undefined);
      if (!xlsx) return c.json(visible.definition);
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', `attachment; filename="${visible.id}-v${visible.version}.xlsx"`);
      return c.body(new Uint8Array(await surveyWorkbook(visible.definition)));
    });
}

/**
 * /api/forms/{surveyId}: the latest published version; /api/forms/{surveyId}/{version}: that published version.
 * While household-dx v1 is the latest, /api/forms/household-dx keeps the shape it had before questionnaires
 * became data (outside clients read it); from v2 on it is the definition like every other form.
 */
export function formRoutes({ definitions }: { definitions: PublishedDefinitions }) {
  return new Hono<AppEnv>()
    .get('/:surveyId', async (c) => {
      const latest = getOrNotFound(await definitions.latest(c.req.param('surveyId')));
      const legacy = latest.id === HOUSEHOLD_FORM.id && latest.version === HOUSEHOLD_FORM.version;
      return c.json(legacy ? HOUSEHOLD_FORM : latest);
    })
    .get('/:surveyId/:version', async (c) => {
      const version = Number(c.req.param('version'));
      if (!Number.isSafeInteger(version) || version < 1) throw problem.notFound();
      return c.json(getOrNotFound(await definitions.get(c.req.param('surveyId'), version)));
    });
}
