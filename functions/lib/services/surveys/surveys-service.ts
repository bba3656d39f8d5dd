// Questionnaires as versioned data: upload a draft (JSON or an XLSForm workbook), read, publish, and download a
// version as a workbook. Every problem of a definition is listed at once, never fixed silently.
import { checkDefinition } from '@shared/questionnaire/check-definition';
import type { Definition } from '@shared/questionnaire/definition';
import { getOrNotFound, pendingIssues, problem, ValidationError } from '../../errors';
import type { SurveyRecord, SurveysRepo } from '../../repo/types';
import { readWorkbook, writeWorkbook } from './survey-workbook';

// The XLSForm translation serves two admin routes (workbook upload and download): loaded on first use, as the
// spreadsheet libraries are (survey-workbook.ts).
const xlsformRead = () => import('@shared/questionnaire/xlsform-read');
const xlsformWrite = () => import('@shared/questionnaire/xlsform-write');

/** What an upload carries: a parsed JSON definition, or the bytes of an .xlsx workbook. */
export type SurveyUpload = { kind: 'json'; definition: unknown } | { kind: 'xlsx'; bytes: Buffer };

export interface SurveySummary {
  id: string;
  version: number;
  status: SurveyRecord['status'];
  title: SurveyRecord['title'];
}

export interface SurveysDeps {
  surveys: SurveysRepo;
  clock: () => Date;
}

const summaryOf = ({ id, version, status, title }: SurveyRecord): SurveySummary => ({ id, version, status, title });

async function publishedBefore(surveys: SurveysRepo, id: string, version: number): Promise<Definition[]> {
  return (await surveys.listVersions(id)).filter((r) => r.status === 'published' && r.version !== version).map((r) => r.definition);
}

async function definitionOf(upload: SurveyUpload): Promise<unknown> {
  if (upload.kind === 'json') return upload.definition;
  let workbook: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    workbook = await readWorkbook(upload.bytes);
  } catch {
    throw problem.invalidField('', 'validation.unreadable_workbook');
  }
  const read = (await xlsformRead()).workbookToDefinition(workbook);
  if (!read.ok) throw new ValidationError(pendingIssues(read.issues));
  return read.value;
}

/** Stores an upload as a draft (replacing a draft of the same id and version); 409 when that version is published. */
export async function uploadSurvey(upload: SurveyUpload, by: string, { surveys, clock }: SurveysDeps): Promise<SurveySummary> {
  const input = await definitionOf(upload);
  const parsed = checkDefinition(input);
  if (!parsed.ok) throw new ValidationError(pendingIssues(parsed.issues));
  const definition = parsed.value;
  const checked = checkDefinition(definition, await publishedBefore(surveys, definition.id, definition.version));
  if (!checked.ok) throw new ValidationError(pendingIssues(checked.issues));
  const record: SurveyRecord = {
    id: definition.id,
    version: definition.version,
    status: 'draft',
    title: definition.title,
    definition,
    createdBy: by,
    createdAt: clock().toISOString(),
  };
  const written = await surveys.putDraft(record);
  if (!written.ok) throw problem.surveyPublished();
  return summaryOf(record);
}

/**
 * Publishes a draft after checking it again against every version published so far (one may have been published
 * since the upload): 400 listing every problem, 409 when it is published already, 404 when there is none.
 */
export async function publishSurvey(id: string, version: number, by: string, { surveys, clock }: SurveysDeps): Promise<SurveySummary> {
  const record = getOrNotFound(await surveys.get(id, version));
  if (record.status === 'published') throw problem.surveyPublished();
  const checked = checkDefinition(record.definition, await publishedBefore(surveys, id, version));
  if (!checked.ok) throw new ValidationError(pendingIssues(checked.issues));
  const written = await surveys.publish(id, version, clock().toISOString(), by);
  if (!written.ok) throw written.current ? problem.surveyPublished() : problem.notFound();
  return { ...summaryOf(record), status: 'published' };
}

export async function listSurveys(surveys: Pick<SurveysRepo, 'list'>): Promise<SurveySummary[]> {
  return (await surveys.list()).map(summaryOf);
}

/** A version as a workbook, for a designer to start next year's form from. */
export async function surveyWorkbook(definition: Definition): Promise<Buffer> {
  const workbook = (await xlsformWrite()).definitionToWorkbook(definition);
  // Every definition that passed checkDefinition has a workbook form; a failure here is a bug, not bad input.
  if (!workbook.ok) throw new Error(`survey ${definition.id} v${definition.version} has no workbook form: ${JSON.stringify(workbook.issues)}`);
  return writeWorkbook(workbook.value);
}
