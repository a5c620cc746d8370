// canonicalText is the bulk writers' serializer of an event's before/after: it must give exactly the text recordAudit
// hashes (canonicalJson of the value as jsonb gives it back), or verifyAuditChain would report the events as changed.
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalText } from './audit.js';

const viaJson = (v: unknown) => canonicalJson(v === undefined ? null : JSON.parse(JSON.stringify(v ?? null)));

describe('canonicalText', () => {
  const cases: [string, unknown][] = [
    ['an import row', {
      fullName: 'Nguyễn Thị "Ánh"\\ \t\n', birthDate: '1985-01-31', sex: 'female', ethnicity: 'Tày', partyCardNo: null, joinedOn: '2010-05-19',
      officialOn: undefined, cccd: '008185000123', phone: null, education: 'university', theoryLevel: 'none', unitId: 'u', memberSince: '2010-05-19',
      importJobId: 'j', fileName: 'danh sách (1).xlsx', row: 12,
    }],
    ['an update', { phone: '0912', posts: ['village_head', 'other'], position: 'deputy_secretary', row: 3, laptopIssuedOn: '2024-01-02' }],
    ['nested, mixed keys', { b: { z: 1, a: [1.5, -0, 1e21, true, false, null, 'x'] }, a: {}, A: [], 'é': 1, _: 2, '10': 3, '9': 4 }],
    ['a Date and undefined in an array (the general path)', { at: new Date(Date.UTC(2024, 0, 2)), list: [undefined, 1], n: Number.NaN }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'text'],
    ['an object with toJSON', { toJSON: () => ({ b: 1, a: 2 }) }],
    ['a null-prototype object', Object.assign(Object.create(null), { b: 1, a: 'x' })],
  ];
  for (const [name, value] of cases) {
    it(`equals canonicalJson of the JSON round trip: ${name}`, () => {
      expect(canonicalText(value)).toBe(viaJson(value));
    });
  }
});
