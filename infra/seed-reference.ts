// `npm run seed:aws -- --table <Reference table name>`: writes the Bỉm Sơn areas, household-dx v1 and the first round into a
// deployed Reference table (with your AWS credentials). Safe to run again.
import { parseArgs } from 'node:util';
import { createDocumentClient, createSurveysRepo } from '../functions/lib/repo';
import { createAreaSetsRepo } from '../functions/lib/repo/area-sets-repo';
import { createReferenceRepo } from '../functions/lib/repo/reference-repo';
import { seedReferenceData } from '../functions/lib/seed/reference-data';

const { values } = parseArgs({ options: { table: { type: 'string' }, region: { type: 'string' } } });
const table = values.table ?? process.env.REFERENCE_TABLE;
if (!table) {
  console.error('Give --table <Reference table name> (the stateful stack output ReferenceTableName) or set REFERENCE_TABLE.');
  process.exit(2);
}
const doc = createDocumentClient(values.region ? { region: values.region } : {});
// Questionnaires live in the Reference table too.
await seedReferenceData(createReferenceRepo(doc, table), createSurveysRepo(doc, table), createAreaSetsRepo(doc, table));
console.log(`Seeded areas, both area sets, questionnaire household-dx v1 and the first round into ${table}.`);
