// A unit named out of its context (a picker, a list of people from several cells) names its parent too: three cells
// called "Bản Cốc Cọn" are told apart by their commune (and code).

export interface NamedUnit {
  name: string;
  parentName?: string | null;
  code?: string | null;
}

/** "Chi bộ thôn 13 · Đảng ủy xã Minh Quang"; the name alone when there is no parent to name. */
export function unitWithParent(u: NamedUnit): string {
  return u.parentName ? `${u.name} · ${u.parentName}` : u.name;
}

/** The picker's second line: the parent and the code, when known. */
export function unitContext(u: NamedUnit): string {
  return [u.parentName, u.code].filter(Boolean).join(' · ');
}
