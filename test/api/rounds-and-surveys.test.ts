// Rounds and questionnaires as data through the API: admins upload, publish and pin questionnaire versions to
// rounds; everyone reads what is published; responses and the raw export follow the round's version.
import { randomUUID } from 'node:crypto';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../functions/lib/http/routes/surveys';
import { responseBody } from '../support/fixtures';
import { ADDED_QUESTION, householdDxV2, round2026 } from '../support/survey-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

async function call(path: string, username: string | null, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...((rest.headers as Record<string, string>) ?? {}) };
  if (username) headers.authorization = `Bearer ${await t.tokenFor(username)}`;
  return t.app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
}

async function publishV2() {
  expect((await call('/api/surveys', 'admin', { method: 'POST', json: householdDxV2() })).status).toBe(201);
  expect((await call('/api/surveys/household-dx/2/publish', 'admin', { method: 'POST' })).status).toBe(200);
}

async function createRound2026(): Promise<string> {
  const res = await call('/api/rounds', 'admin', { method: 'POST', json: round2026() });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

describe('GET /api/rounds', () => {
  it('lists the seeded round with what it pins and its status by the clock, keeping form and formVersion', async () => {
    const { rounds } = await (await call('/api/rounds', null)).json();
    expect(rounds).toEqual([
      {
        id: 'cds-2024',
        name: 'Khảo sát CĐS 2024',
        form: 'household-dx',
        formVersion: 1,
        surveyId: 'household-dx',
        surveyVersion: 1,
        areaSetId: 'bim-son-2020',
        referenceDate: '2024-12-31',
        referenceYear: 2024,
        opensAt: '2024-06-01T00:00:00+07:00',
        closesAt: '2027-12-31T23:59:59+07:00',
        countPolicy: 'submitted',
        status: 'open',
      },
    ]);
  });
});

describe('/api/surveys', () => {
  it('stores an admin upload as a draft that only admins see, and publishes it for everyone', async () => {
    const res = await call('/api/surveys', 'admin', { method: 'POST', json: householdDxV2() });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'household-dx', version: 2, status: 'draft', title: householdDxV2().title });
    expect((await call('/api/surveys/household-dx/2', 'collector-14815')).status).toBe(404);
    const collectorList = (await (await call('/api/surveys', 'collector-14815')).json()).surveys;
    expect(collectorList.map((s: { version: number }) => s.version)).toEqual([1]);
    expect((await call('/api/forms/household-dx/2', null)).status).toBe(404);

    expect((await call('/api/surveys/household-dx/2', 'admin')).status).toBe(200);
    const published = await call('/api/surveys/household-dx/2/publish', 'admin', { method: 'POST' });
    expect(published.status).toBe(200);
    expect((await published.json()).status).toBe('published');
    expect(await (await call('/api/surveys/household-dx/2', 'collector-14815')).json()).toEqual(householdDxV2());
    expect(await (await call('/api/forms/household-dx/2', null)).json()).toEqual(householdDxV2());
    expect(await (await call('/api/forms/household-dx', null)).json()).toEqual(householdDxV2());
    expect((await call('/api/forms/household-dx/9', null)).status).toBe(404);
  });

  it('refuses a second upload or a second publish of a published version with 409', async () => {
    await publishV2();
    expect((await call('/api/surveys', 'admin', { method: 'POST', json: householdDxV2() })).status).toBe(409);
    const again = await call('/api/surveys/household-dx/2/publish', 'admin', { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('survey_published');
    expect((await call('/api/surveys', 'admin', { method: 'POST', json: HOUSEHOLD_DX_V1 })).status).toBe(409);
  });

  it('lists every problem of an inconsistent definition at its JSON path (400)', async () => {
    const broken = householdDxV2();
    broken.household.push({ ...broken.household[0]!, relevant: { q: 'no_such_question', eq: true } });
    const res = await call('/api/surveys', 'admin', { method: 'POST', json: broken, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining([`household.${broken.household.length - 1}.id`, `household.${broken.household.length - 1}.relevant.q`]));
  });

  it('refuses a question id that changes type from a published version', async () => {
    const changed = householdDxV2();
    changed.household = changed.household.map((q) => (q.id === 'fiber_broadband' ? { ...q, type: 'integer' } : q));
    const res = await call('/api/surveys', 'admin', { method: 'POST', json: changed });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues.length).toBeGreaterThan(0);
  });

  it('keeps uploads and publishing to admins; reading needs a login', async () => {
    expect((await call('/api/surveys', 'collector-14815', { method: 'POST', json: householdDxV2() })).status).toBe(403);
    expect((await call('/api/surveys', 'official', { method: 'POST', json: householdDxV2() })).status).toBe(403);
    expect((await call('/api/surveys/household-dx/1/publish', 'official', { method: 'POST' })).status).toBe(403);
    expect((await call('/api/surveys', null)).status).toBe(401);
    expect((await call('/api/surveys/household-dx/7', 'admin')).status).toBe(404);
    expect((await call('/api/surveys/household-dx/7/publish', 'admin', { method: 'POST' })).status).toBe(404);
  });

  it('downloads a version as an XLSForm workbook that reads back as the same definition', async () => {
    const download = await call('/api/surveys/household-dx/1.xlsx', 'admin');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(XLSX_TYPE);
    const bytes = new Uint8Array(await download.arrayBuffer());
    // The same id and version is published: the workbook read back names it, so the upload is a 409, not a 400.
    const reupload = await call('/api/surveys', 'admin', { method: 'POST', body: bytes, headers: { 'content-type': XLSX_TYPE } });
    expect(reupload.status).toBe(409);
  });

  it('refuses bytes that are not a workbook, and other content types, with 400', async () => {
    const junk = await call('/api/surveys', 'admin', { method: 'POST', body: 'not a zip', headers: { 'content-type': XLSX_TYPE } });
    expect(junk.status).toBe(400);
    const text = await call('/api/surveys', 'admin', { method: 'POST', body: 'id,version', headers: { 'content-type': 'text/csv' } });
    expect(text.status).toBe(400);
  });
});

describe('POST and PATCH /api/rounds', () => {
  it('creates a 2026 round on a published version: id made by the server, status by the clock, defaults filled', async () => {
    await publishV2();
    const res = await call('/api/rounds', 'admin', { method: 'POST', json: round2026() });
    expect(res.status).toBe(201);
    const round = await res.json();
    expect(round).toMatchObject({
      surveyId: 'household-dx',
      surveyVersion: 2,
      form: 'household-dx',
      formVersion: 2,
      referenceYear: 2026,
      countPolicy: 'submitted',
      status: 'open',
    });
    expect(round.id).toMatch(/^[A-Za-z0-9._-]+$/);
    const { rounds } = await (await call('/api/rounds', null)).json();
    expect(rounds.map((r: { id: string }) => r.id)).toEqual([round.id, 'cds-2024']);
  });

  it('refuses a draft or unknown survey version, an unknown area set, a bad date and a window that closes before it opens (400 at the field)', async () => {
    expect((await call('/api/surveys', 'admin', { method: 'POST', json: householdDxV2() })).status).toBe(201);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'surveyVersion'],
      [{ surveyVersion: 5 }, 'surveyVersion'],
      [{ surveyVersion: 1, areaSetId: 'somewhere' }, 'areaSetId'],
      [{ surveyVersion: 1, referenceDate: '2026-02-30' }, 'referenceDate'],
      [{ surveyVersion: 1, closesAt: '2026-10-01T00:00:00+07:00' }, 'closesAt'],
      [{ surveyVersion: 1, countPolicy: 'everything' }, 'countPolicy'],
    ];
    for (const [overrides, path] of cases) {
      const res = await call('/api/rounds', 'admin', { method: 'POST', json: round2026(overrides) });
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe(path);
    }
  });

  it('keeps round writes to admins', async () => {
    await publishV2();
    expect((await call('/api/rounds', 'collector-14815', { method: 'POST', json: round2026() })).status).toBe(403);
    expect((await call('/api/rounds/cds-2024', 'official', { method: 'PATCH', json: { name: 'x' } })).status).toBe(403);
    expect((await call('/api/rounds', null, { method: 'POST', json: round2026() })).status).toBe(401);
  });

  it('renames and reschedules a round; its survey version stays once it has a response (409); unknown round 404', async () => {
    await publishV2();
    const renamed = await call('/api/rounds/cds-2024', 'admin', { method: 'PATCH', json: { name: 'CĐS 2024', countPolicy: 'approved' } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: 'cds-2024', name: 'CĐS 2024', countPolicy: 'approved', surveyVersion: 1 });

    const closed = await call('/api/rounds/cds-2024', 'admin', { method: 'PATCH', json: { closesAt: '2026-11-01T00:00:00+07:00' } });
    expect((await closed.json()).status).toBe('closed');
    const reopened = await call('/api/rounds/cds-2024', 'admin', { method: 'PATCH', json: { closesAt: '2027-12-31T23:59:59+07:00' } });
    expect((await reopened.json()).status).toBe('open');

    const id = await createRound2026();
    expect((await call(`/api/rounds/${id}`, 'admin', { method: 'PATCH', json: { surveyVersion: 1 } })).status).toBe(200);
    expect((await call(`/api/rounds/${id}`, 'admin', { method: 'PATCH', json: { surveyVersion: 2 } })).status).toBe(200);
    expect((await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', json: responseBody({ roundId: id }) })).status).toBe(201);
    const repin = await call(`/api/rounds/${id}`, 'admin', { method: 'PATCH', json: { surveyVersion: 1 } });
    expect(repin.status).toBe(409);
    expect((await repin.json()).error.code).toBe('round_has_responses');
    expect((await call('/api/rounds/nope', 'admin', { method: 'PATCH', json: { name: 'x' } })).status).toBe(404);
  });
});

describe('responses and exports follow the round questionnaire version', () => {
  it('takes the added question in the 2026 round, refuses it in the 2024 round, and exports it as a column', async () => {
    await publishV2();
    const id = await createRound2026();
    const answers = { ...responseBody().household, [ADDED_QUESTION]: true };
    const in2026 = await call(`/api/responses/${randomUUID()}`, 'collector-14815', {
      method: 'PUT',
      json: { ...responseBody({ roundId: id }), household: answers },
    });
    expect(in2026.status).toBe(201);
    const in2024 = await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', json: { ...responseBody(), household: answers } });
    expect(in2024.status).toBe(400);
    expect((await in2024.json()).error.issues).toEqual([expect.objectContaining({ path: `household.${ADDED_QUESTION}` })]);

    const csv = await call(`/api/exports/responses.csv?roundId=${id}`, 'admin');
    const rows: Record<string, string>[] = parse(await csv.text(), { bom: true, columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]![ADDED_QUESTION]).toBe('1');
  });

  it('opens a self-report link of the 2026 round on its questionnaire version and gives back the added answer', async () => {
    await publishV2();
    const roundId = await createRound2026();
    const made = await call('/api/links', 'collector-14815', {
      method: 'POST',
      json: { roundId, wardCode: '14815', villageCode: '14815-khu-pho-1', count: 1 },
    });
    expect(made.status).toBe(201);
    const { token } = (await made.json()).links[0];
    const { household, members } = responseBody();
    const sent = await t.app.request(`/api/self/${token}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ household: { ...household, [ADDED_QUESTION]: true }, members }),
    });
    expect(sent.status).toBe(201);
    const opened = await (await t.app.request(`/api/self/${token}`)).json();
    expect(opened.form).toMatchObject({ id: 'household-dx', version: 2 });
    expect(opened.form.household.map((q: { id: string }) => q.id)).toContain(ADDED_QUESTION);
    expect(opened.response.household[ADDED_QUESTION]).toBe(true);
  });

  it('computes ages at the round reference year: born 2010 is 16 in the 2026 round and answers the 15+ questions', async () => {
    await publishV2();
    const id = await createRound2026();
    const teen = {
      name: 'Lê Văn Tú',
      birth_year: 2010,
      has_ehr: true,
      has_smartphone: true,
      has_payment_account: false,
      cashless_essential: false,
      has_vneid_level2: true,
      has_digital_signature: false,
      used_online_public_service: false,
      used_telehealth: false,
    };
    const [adultMember] = responseBody().members;
    expect(
      (await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', json: responseBody({ roundId: id, members: [adultMember!, teen] }) }))
        .status,
    ).toBe(201);
    const in2024 = await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', json: responseBody({ members: [adultMember!, teen] }) });
    expect(in2024.status).toBe(400);
  });
});
