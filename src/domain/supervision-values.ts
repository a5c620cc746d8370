// The supervision channel's value lists, rules and date helpers, without zod: the web's public report page imports
// these alone (zod stays out of its bundle); src/domain/supervision.ts adds the schemas and re-exports all of this.
export const reportCategories = ['suggestion', 'criticism', 'complaint', 'denunciation'] as const;
export type ReportCategory = (typeof reportCategories)[number];

/** Who or what the report is about: the cell as a whole, its secretary, a member of its committee, or a village matter. */
export const reportSubjects = ['cell', 'secretary', 'committee_member', 'village'] as const;
export type ReportSubject = (typeof reportSubjects)[number];

export const caseStatuses = ['received', 'accepted', 'declined', 'verifying', 'concluded', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Which body handles the case: the commune committee of the place, or the inspection committee one level up. */
export const caseRoutes = ['commune', 'inspection'] as const;
export type CaseRoute = (typeof caseRoutes)[number];

export const conclusions = ['unfounded', 'partly_founded', 'founded'] as const;
export type Conclusion = (typeof conclusions)[number];

export const measures = ['none', 'reminder', 'criticism', 'discipline_proposed', 'referred'] as const;
export type Measure = (typeof measures)[number];

/** The moves an officer can make; `closed` follows a conclusion or a decline. */
export const transitions: Record<CaseStatus, CaseStatus[]> = {
  received: ['accepted', 'declined'],
  accepted: ['verifying'],
  verifying: ['concluded'],
  concluded: ['closed'],
  declined: ['closed'],
  closed: [],
};

export const SUPERVISION_RULES = {
  /** Days to accept or decline, and to conclude, counted from the day received. */
  deadlines: {
    suggestion: { acknowledgeDays: 10, concludeDays: 30 },
    criticism: { acknowledgeDays: 10, concludeDays: 30 },
    complaint: { acknowledgeDays: 10, concludeDays: 30 },
    denunciation: { acknowledgeDays: 10, concludeDays: 30 },
  } satisfies Record<ReportCategory, { acknowledgeDays: number; concludeDays: number }>,
  /** The conclusion deadline may be extended once, by this many days, with a reason. */
  extensionDays: 30,
  text: { min: 10, max: 5000 },
  attachments: { maxFiles: 3, maxBytes: 5 * 1024 * 1024 },
  /** Public submissions per address (kept only as a salted hash in memory) per hour. */
  submissionsPerHour: 5,
  /** Wrong receipt codes per address before a pause, and the pause. */
  followFailures: 5,
  followPauseMinutes: 15,
} as const;


// Receipt codes: 20 Crockford base32 characters = 100 bits, shown in four groups of five.
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 20;

/** Upper case, no spaces or dashes, and the letters people confuse read as the digits they look like. */
export function normalizeReceipt(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const formatReceipt = (code: string) => code.match(/.{1,5}/g)!.join('-');

export const isReceiptShape = (normalized: string) =>
  normalized.length === RECEIPT_LENGTH && [...normalized].every((c) => RECEIPT_ALPHABET.includes(c));

/** 'YYYY-MM-DD' plus n days. */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b. */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The deadline that applies now: to acknowledge while received, to conclude while accepted or verifying. */
export function currentDeadline(c: { status: CaseStatus; acknowledgeBy: string; concludeBy: string }): string | null {
  if (c.status === 'received') return c.acknowledgeBy;
  if (c.status === 'accepted' || c.status === 'verifying') return c.concludeBy;
  return null;
}

export const isOverdue = (c: { status: CaseStatus; acknowledgeBy: string; concludeBy: string }, today: string) => {
  const due = currentDeadline(c);
  return due !== null && due < today;
};
