// How a unit leaves the server: one shape for every route that returns units.
import { z } from 'zod';
import { CellKind, UnitKind, type CellKind as CellKindT } from '../../../domain/enums.js';
import type { UnitRow } from './tree.js';

export const UnitSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  kind: UnitKind,
  cellKind: CellKind.nullable(),
  name: z.string(),
  parentId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  closedReason: z.string().nullable(),
}).meta({ id: 'Unit' });

export const presentUnit = (u: UnitRow) => ({
  id: u.id,
  code: u.code,
  kind: u.kind,
  cellKind: u.cellKind as CellKindT | null,
  name: u.name,
  parentId: u.parentId,
  validFrom: u.validFrom,
  validTo: u.validTo,
  closedReason: u.closedReason,
});
