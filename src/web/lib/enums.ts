// Options of coded values for selects, translated through `enums.<list>.<code>`.
import type { TFunction } from 'i18next';
import {
  cellKinds,
  cellPositions,
  concurrentPosts,
  educationLevels,
  equipmentKinds,
  personStatuses,
  roles,
  sexes,
  theoryLevels,
  unitKinds,
} from '../../domain/enum-lists';

export const enumLists = {
  unitKind: unitKinds,
  cellKind: cellKinds,
  sex: sexes,
  education: educationLevels,
  theoryLevel: theoryLevels,
  position: cellPositions,
  post: concurrentPosts,
  equipment: equipmentKinds,
  status: personStatuses,
  role: roles,
} as const;

export type EnumList = keyof typeof enumLists;

export function enumLabel(t: TFunction, list: EnumList, code: string | null | undefined): string {
  if (!code) return '';
  return t(`enums.${list}.${code}`, { defaultValue: code });
}

export function enumOptions(t: TFunction, list: EnumList, only?: readonly string[]) {
  return (enumLists[list] as readonly string[])
    .filter((code) => !only || only.includes(code))
    .map((code) => ({ value: code, label: enumLabel(t, list, code) }));
}
