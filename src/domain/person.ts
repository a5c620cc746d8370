// The member record and its rules, shared by the API, the Excel import and the web forms.
// Every rule reports its own field, so a form or an import row shows all problems at once.
import { z } from 'zod';
import { EARLIEST_DATE, isIsoDate, isPlausibleDate, LATEST_DATE } from './dates.js';
import { EducationLevel, Sex, TheoryLevel } from './enums.js';
import { issueMessages, type IssueCode } from './issues.js';

/** Every date that comes in: a real calendar date, YYYY-MM-DD, between 1900 and 2100. */
export const IsoDate = z
  .string()
  .refine(isIsoDate, { message: 'Not a real date (YYYY-MM-DD)', params: { code: 'not_a_date' }, abort: true })
  .refine(isPlausibleDate, { message: `A date between ${EARLIEST_DATE} and ${LATEST_DATE}`, params: { code: 'date_out_of_range' } });

export const CCCD_PATTERN = /^\d{12}$/;
export const PARTY_CARD_PATTERN = /^[0-9A-Z.-]{4,20}$/;
export const PHONE_PATTERN = /^\+?[0-9 .-]{8,15}$/;

/** An optional text left blank in a form or a spreadsheet means "none", not a malformed value. */
const blankIsNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema);

const personShape = {
  fullName: z.string().trim().min(2, 'Enter the full name').max(120).regex(/^[^\d<>{}]+$/u, 'A name has no digits or symbols'),
  birthDate: IsoDate,
  sex: Sex,
  ethnicity: z.string().trim().min(1, 'Required').max(40),
  partyCardNo: blankIsNull(z.string().trim().toUpperCase().regex(PARTY_CARD_PATTERN, 'A party card number has 4–20 digits or letters').nullable()),
  joinedOn: IsoDate,
  officialOn: blankIsNull(IsoDate.nullable()),
  cccd: blankIsNull(z.string().trim().regex(CCCD_PATTERN, 'A citizen ID (CCCD) has exactly 12 digits').nullable()),
  phone: blankIsNull(z.string().trim().regex(PHONE_PATTERN, 'Not a phone number').nullable()),
  education: EducationLevel,
  theoryLevel: TheoryLevel,
};

export const PersonFields = z.object(personShape);
export type PersonFields = z.infer<typeof PersonFields>;

/** Rules across fields; `today` is injected so the rule is testable. Reports each broken rule by code. */
export function personCrossRules(p: Partial<PersonFields>, report: (code: IssueCode, path: keyof PersonFields) => void, today: string) {
  if (p.birthDate && p.birthDate > today) report('birth_in_future', 'birthDate');
  if (p.birthDate && p.joinedOn && yearsBetween(p.birthDate, p.joinedOn) < 18) report('join_under_18', 'joinedOn');
  if (p.joinedOn && p.joinedOn > today) report('joined_in_future', 'joinedOn');
  if (p.officialOn && p.joinedOn && p.officialOn <= p.joinedOn) report('official_before_joining', 'officialOn');
  if (p.officialOn && p.officialOn > today) report('official_in_future', 'officialOn');
}

function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}


export const NewPerson = z.strictObject({ ...personShape, unitId: z.uuid(), memberSince: IsoDate.optional() });

/**
 * The cross-field rules on whatever dates of a raw input are real dates — so they can be reported together
 * with the field errors of the same input, not only once every field is well-formed.
 */
export function crossRuleIssuesOf(raw: unknown, today: string): { path: string; code: IssueCode; message: string }[] {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const date = (k: string) => (typeof r[k] === 'string' && isIsoDate(r[k] as string) ? (r[k] as string) : undefined);
  const found: { path: string; code: IssueCode; message: string }[] = [];
  personCrossRules({ birthDate: date('birthDate'), joinedOn: date('joinedOn'), officialOn: date('officialOn') }, (code, path) => found.push({ path, code, message: issueMessages[code] }), today);
  return found;
}

export const personPatchSchema = z.strictObject(Object.fromEntries(Object.entries(personShape).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof personShape]: z.ZodOptional<(typeof personShape)[K]>;
});
