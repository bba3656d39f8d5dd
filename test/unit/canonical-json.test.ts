// The one JSON text the server hashes and the phone compares: both must see the same answers as the same.

import { canonicalJson } from '@shared/survey/canonical-json';
import { describe, expect, it } from 'vitest';
import { bodyHashOf } from '../../functions/lib/services/responses/put-response';
import { sameBody } from '../../web/src/lib/outbox/classify';
import { responseBody } from '../support/fixtures';

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
  });

  it('leaves out undefined values', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('keeps array order (member order is an answer)', () => {
    expect(canonicalJson([{ y: 2 }, { x: 1 }])).toBe('[{"y":2},{"x":1}]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('writes strings, numbers, booleans and null as JSON does', () => {
    expect(canonicalJson({ s: 'Nguyễn "An"', n: 1.5, t: true, z: null })).toBe(JSON.stringify({ n: 1.5, s: 'Nguyễn "An"', t: true, z: null }));
  });

  it('is what both the server hash and the phone comparison go by', () => {
    const body = responseBody();
    const shuffled = {
      ...Object.fromEntries(Object.entries(body).reverse()),
      household: { ...Object.fromEntries(Object.entries(body.household).reverse()), nickname: undefined },
    } as unknown as typeof body;
    expect(bodyHashOf(shuffled)).toBe(bodyHashOf(body));
    expect(sameBody(shuffled, body)).toBe(true);
    expect(bodyHashOf({ ...body, members: [...body.members].reverse() })).not.toBe(bodyHashOf(body));
  });
});
