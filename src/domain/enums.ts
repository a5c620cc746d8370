// Coded values shared by server, web and Excel. The order of each list is the order shown to users.
import { z } from 'zod';
import { unitKinds, cellKinds, sexes, educationLevels, theoryLevels, cellPositions, concurrentPosts, equipmentKinds, personStatuses, roles } from './enum-lists.js';

export { unitKinds, cellKinds, sexes, educationLevels, theoryLevels, cellPositions, concurrentPosts, equipmentKinds, personStatuses, roles };

export type UnitKind = (typeof unitKinds)[number];
export const UnitKind = z.enum(unitKinds);

/** What a party cell is attached to. */
export type CellKind = (typeof cellKinds)[number];
export const CellKind = z.enum(cellKinds);

export type Sex = (typeof sexes)[number];
export const Sex = z.enum(sexes);

/** Professional education, lowest first. */
export type EducationLevel = (typeof educationLevels)[number];
export const EducationLevel = z.enum(educationLevels);
export const UNIVERSITY_OR_HIGHER: readonly EducationLevel[] = ['university', 'master', 'doctorate'];

/** Political theory, lowest first; a bachelor's in political theory counts with advanced. */
export type TheoryLevel = (typeof theoryLevels)[number];
export const TheoryLevel = z.enum(theoryLevels);
export const ELEMENTARY_OR_HIGHER: readonly TheoryLevel[] = ['elementary', 'intermediate', 'advanced', 'bachelor'];

export type CellPosition = (typeof cellPositions)[number];
export const CellPosition = z.enum(cellPositions);

/** Posts held outside the party cell at the same time ("two shoulders"). */
export type ConcurrentPost = (typeof concurrentPosts)[number];
export const ConcurrentPost = z.enum(concurrentPosts);

export type EquipmentKind = (typeof equipmentKinds)[number];
export const EquipmentKind = z.enum(equipmentKinds);

export type PersonStatus = (typeof personStatuses)[number];
export const PersonStatus = z.enum(personStatuses);

/** `editor`: the communication staff of the province or a commune, who write and publish the public portal's articles. */
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
