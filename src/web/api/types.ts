// Shapes of the chibo API (docs/api.md). Kept in one place so pages agree with the contract.
import type {
  CellKind,
  CellPosition,
  ConcurrentPost,
  EducationLevel,
  EquipmentKind,
  PersonStatus,
  Role,
  Sex,
  TheoryLevel,
  UnitKind,
} from '../../domain/enums';

export type Locale = 'vi' | 'en';

export interface MeRole {
  role: Role;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  personId: string | null;
  roles: MeRole[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Unit {
  id: string;
  code: string | null;
  kind: UnitKind;
  cellKind: CellKind | null;
  name: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  closedReason: string | null;
}

export interface UnitNode extends Unit {
  memberCount: number;
  secretaryName: string | null;
  childCount: number;
}

export interface SearchedUnit extends Unit {
  path: string;
}

export interface AgeBands {
  under35: number;
  from35to45: number;
  from46to60: number;
  over60: number;
}

export interface Figures {
  cells: number;
  members: number;
  fullMembers: number;
  secretaries: number;
  secretariesUniversityPct: number | null;
  secretariesTheoryPct: number | null;
  secretaryAgeBands: AgeBands;
  secretaryAverageAge: number | null;
  secretariesVillageHeadPct: number | null;
  secretariesLaptopPct: number | null;
  cellsWithoutSecretary: number;
  cellsUnderMinimum: number;
}

export interface Person {
  id: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  ethnicity: string;
  partyCardNo: string;
  joinedOn: string;
  officialOn: string | null;
  cccd: string | null;
  phone: string | null;
  education: EducationLevel;
  theoryLevel: TheoryLevel;
  status: PersonStatus;
  statusDate: string | null;
  unit: { id: string; name: string } | null;
  positions: CellPosition[];
  posts: ConcurrentPost[];
}

export interface Membership {
  id: string;
  unitId: string;
  unitName: string;
  validFrom: string;
  validTo: string | null;
}

export interface PositionRecord {
  id: string;
  unitId: string;
  unitName: string;
  position: CellPosition;
  validFrom: string;
  validTo: string | null;
}

export interface PostRecord {
  id: string;
  post: ConcurrentPost;
  title: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface EquipmentRecord {
  id: string;
  kind: EquipmentKind;
  issuedOn: string;
  returnedOn: string | null;
  note: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UnitDetail {
  unit: Unit;
  ancestors: Unit[];
  children: UnitNode[];
  figures: Figures;
  actions: string[];
}

export interface UnitHistory {
  items: { validFrom: string; validTo: string | null; name: string; parentId: string | null; parentName: string | null }[];
  events: AuditEvent[];
}

export interface PersonDetail {
  person: Person;
  memberships: Membership[];
  positions: PositionRecord[];
  posts: PostRecord[];
  equipment: EquipmentRecord[];
  actions: string[];
}

export type ImportStatus = 'validating' | 'applying' | 'done' | 'invalid' | 'failed';

export interface ImportJob {
  id: string;
  unitId: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errorCount: number;
  errors: { row: number; column: string; message: string; code: string; params?: Record<string, string | number> }[];
}

export interface Dashboard {
  unit: Unit;
  date: string;
  figures: Figures;
  children: { unit: Unit; figures: Figures }[];
  /** Figures other modules add to the dashboard: `label` is an i18n key of the module's catalog. */
  moduleFigures: { key: string; label: string; value: number | null }[];
}
