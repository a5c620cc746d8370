// A small, isolated world for one test file: a province with two communes, three cells, people, and one
// account per role. Built through the services, so it obeys every rule the app does.
import { systemActor } from '../platform/access.js';
import type { Db } from '../platform/db/index.js';
import type { PersonFields } from '../../domain/person.js';
import { createUnit } from '../modules/org/service.js';
import { addPosition, addPost, addEquipment, createPerson } from '../modules/people/service.js';
import { createUser } from '../modules/users/service.js';
import { TEST_PASSWORD, type TestContext } from './harness.js';

const system = systemActor('test-factory');
let serial = 0;

/** A valid person; override any field. CCCD and card numbers are unique per call. */
export function personFields(overrides: Partial<PersonFields> = {}): PersonFields {
  serial += 1;
  const n = String(process.pid % 1000).padStart(3, '0') + String(serial).padStart(6, '0');
  // Joined at 20 (but before the cell membership the factory opens in 2020), official a year later.
  const birthYear = Number((overrides.birthDate ?? '1980-05-10').slice(0, 4));
  const joinYear = Math.min(birthYear + 20, 2018);
  return {
    fullName: 'Nguyễn Văn An',
    birthDate: '1980-05-10',
    sex: 'male',
    ethnicity: 'Tày',
    partyCardNo: `TC${n}`,
    joinedOn: `${joinYear}-03-01`,
    officialOn: `${joinYear + 1}-03-01`,
    cccd: `008${n}`,
    phone: '0912345678',
    education: 'university',
    theoryLevel: 'elementary',
    ...overrides,
  };
}

export async function addPerson(db: Db, unitId: string, overrides: Partial<PersonFields> = {}) {
  return createPerson(db, system, { ...personFields(overrides), unitId, memberSince: '2020-01-01' });
}

export async function makeWorld(ctx: Pick<TestContext, 'database'>) {
  const db = ctx.database.db;
  const from = '2020-01-01';
  const province = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh ủy Thử nghiệm', code: '08', validFrom: from });
  const communeA = await createUnit(db, system, { parentId: province.id, kind: 'commune', name: 'Đảng ủy xã Minh Quang', code: '90001', validFrom: from });
  const communeB = await createUnit(db, system, { parentId: province.id, kind: 'ward', name: 'Đảng ủy phường Hà Giang 1', code: '90002', validFrom: from });
  const cellA1 = await createUnit(db, system, { parentId: communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Nà Hang', code: '90001-001', validFrom: from });
  const cellA2 = await createUnit(db, system, { parentId: communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Bản Khuổi', code: '90001-002', validFrom: from });
  const cellB1 = await createUnit(db, system, { parentId: communeB.id, kind: 'cell', cellKind: 'residential_group', name: 'Chi bộ tổ dân phố 3', code: '90002-001', validFrom: from });

  const secretaryA1 = await addPerson(db, cellA1.id, { fullName: 'Hoàng Văn Bình', birthDate: '1975-02-03', education: 'university' });
  const memberA1 = await addPerson(db, cellA1.id, { fullName: 'Nguyễn Thị Xiến', sex: 'female', birthDate: '1990-07-01', education: 'college', theoryLevel: 'none' });
  await addPerson(db, cellA1.id, { fullName: 'Lê Văn Dũng' });
  await addPerson(db, cellA1.id, { fullName: 'Trần Thị Ánh', sex: 'female' });
  const secretaryA2 = await addPerson(db, cellA2.id, { fullName: 'Ma Văn Đức', birthDate: '1960-01-01', education: 'intermediate', theoryLevel: 'intermediate' });
  await addPerson(db, cellA2.id, { fullName: 'Đỗ Thị Hoa', sex: 'female' });
  const secretaryB1 = await addPerson(db, cellB1.id, { fullName: 'Vàng Seo Lử', birthDate: '1995-09-09', education: 'none', theoryLevel: 'none' });
  const memberB1 = await addPerson(db, cellB1.id, { fullName: 'Phạm Văn Khánh' });
  await addPerson(db, cellB1.id, { fullName: 'Lò Thị Mai', sex: 'female' });

  await addPosition(db, system, secretaryA1.id, { position: 'secretary', from: '2020-08-15' });
  await addPosition(db, system, secretaryA2.id, { position: 'secretary', from: '2020-08-15' });
  await addPosition(db, system, secretaryB1.id, { position: 'secretary', from: '2020-08-15' });
  await addPost(db, system, secretaryA1.id, { post: 'village_head', from: '2021-01-01' });
  await addEquipment(db, system, secretaryA1.id, { kind: 'laptop', issuedOn: '2023-05-01' });

  const account = (username: string, role: Parameters<typeof createUser>[2]['role'], unitId: string, personId?: string) =>
    createUser(db, system, { username, displayName: username, password: TEST_PASSWORD, role, unitId, personId });
  await account('admin', 'province_admin', province.id);
  await account('officer.a', 'commune_officer', communeA.id);
  await account('officer.b', 'commune_officer', communeB.id);
  await account('inspector', 'inspection_officer', province.id);
  await account('secretary.a1', 'cell_secretary', cellA1.id, secretaryA1.id);
  await account('member.a1', 'member', cellA1.id, memberA1.id);

  return {
    province,
    communeA,
    communeB,
    cellA1,
    cellA2,
    cellB1,
    people: { secretaryA1, memberA1, secretaryA2, secretaryB1, memberB1 },
    users: ['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1'] as const,
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;
