// Coded values shared by server, web and Excel. The order of each list is the order shown to users.
import { z } from 'zod';

export const unitKinds = ['province', 'district', 'commune', 'ward', 'cell'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const UnitKind = z.enum(unitKinds);

/** What a party cell is attached to. */
export const cellKinds = ['village', 'hamlet', 'residential_group', 'agency', 'school', 'enterprise', 'other'] as const;
export type CellKind = (typeof cellKinds)[number];
export const CellKind = z.enum(cellKinds);

export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];
export const Sex = z.enum(sexes);

/** Professional education, lowest first. */
export const educationLevels = ['none', 'intermediate', 'college', 'university', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const EducationLevel = z.enum(educationLevels);
export const UNIVERSITY_OR_HIGHER: readonly EducationLevel[] = ['university', 'master', 'doctorate'];

/** Political theory, lowest first; a bachelor's in political theory counts with advanced. */
export const theoryLevels = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;
export type TheoryLevel = (typeof theoryLevels)[number];
export const TheoryLevel = z.enum(theoryLevels);
export const ELEMENTARY_OR_HIGHER: readonly TheoryLevel[] = ['elementary', 'intermediate', 'advanced', 'bachelor'];

export const cellPositions = ['secretary', 'deputy_secretary', 'committee_member'] as const;
export type CellPosition = (typeof cellPositions)[number];
export const CellPosition = z.enum(cellPositions);

/** Posts held outside the party cell at the same time ("two shoulders"). */
export const concurrentPosts = ['village_head', 'front_committee_head', 'commune_official', 'other'] as const;
export type ConcurrentPost = (typeof concurrentPosts)[number];
export const ConcurrentPost = z.enum(concurrentPosts);

export const equipmentKinds = ['laptop', 'tablet', 'phone'] as const;
export type EquipmentKind = (typeof equipmentKinds)[number];
export const EquipmentKind = z.enum(equipmentKinds);

export const personStatuses = ['active', 'left', 'deceased'] as const;
export type PersonStatus = (typeof personStatuses)[number];
export const PersonStatus = z.enum(personStatuses);

/** `editor`: the communication staff of the province or a commune, who write and publish the public portal's articles. */
export const roles = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member', 'editor'] as const;
export type Role = (typeof roles)[number];
export const Role = z.enum(roles);

/** Age bands of the registry dashboard (years, inclusive). */
export const ageBands = [
  { key: 'under35', min: 0, max: 34 },
  { key: 'from35to45', min: 35, max: 45 },
  { key: 'from46to60', min: 46, max: 60 },
  { key: 'over60', min: 61, max: 200 },
] as const;

/** Party Charter art. 24: a cell needs at least this many full members. */
export const MIN_FULL_MEMBERS = 3;
