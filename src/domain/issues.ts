// The problems a person can be told about, each with a stable code. The API sends the code with an English
// message; the web app shows the translation of `fieldErrors.<code>` (vi and en catalogs).
export const issueMessages = {
  required: 'Required: fill in this field',
  // what zod finds at the edge, in words a person can act on (fieldIssueOfZod below)
  too_short: 'Too short: write at least {{min}} characters',
  too_long: 'Too long: at most {{max}} characters',
  number_too_small: 'Too small: at least {{min}}',
  number_too_large: 'Too large: at most {{max}}',
  too_few: 'Choose at least {{min}}',
  too_many: 'At most {{max}} items',
  not_a_number: 'Write a whole number',
  choose_from_list: 'Choose one from the list',
  choose_one: 'Choose one of the offered values',
  email_format: 'Write an e-mail address such as ten@vidu.vn',
  wrong_format: 'Not in the expected form; check what you wrote',
  wrong_value: 'This value is not accepted here; check what you entered',
  unknown_field: 'This field is not part of the form',
  not_a_date: 'Not a real date (YYYY-MM-DD)',
  invalid_cursor: 'Invalid cursor',
  // people
  cccd_taken: 'This citizen ID (CCCD) belongs to another person',
  party_card_taken: 'This party card number belongs to another person',
  official_before_joining: 'The official date must be after the joining date',
  official_in_future: 'The official date is in the future',
  joined_in_future: 'The joining date is in the future',
  birth_in_future: 'The birth date is in the future',
  join_under_18: 'A member joins at 18 or older',
  membership_before_joining: 'Membership of a cell starts on or after the joining date',
  members_in_cells: 'Members belong to a party cell',
  one_membership: 'A person holds one cell membership at a time',
  already_member_here: 'The person is already a member of this cell',
  transfer_before_membership: 'The transfer date must be after the current membership began',
  close_before_membership: 'The date must be after the current membership began',
  term_before_membership: 'The term starts before the person joined this cell',
  congress_before_unit: 'The congress is dated before the cell existed',
  congress_in_future: 'The congress date is in the future',
  congress_not_member: 'This person was not a member of the cell on the congress date',
  congress_same_person: 'The secretary and the deputy secretary must be two different people',
  congress_term_order: 'The term must end after it begins (usually five years)',
  congress_exists: 'The cell already has a congress recorded on this date',
  position_held: 'The person already holds this position',
  post_held: 'The person already holds this post',
  secretary_exists: 'The cell already has a secretary; end that term first',
  end_before_start: 'The end date must be after the start date',
  // the tree
  code_taken: 'This code is used by another unit',
  unit_not_yet: 'The unit did not exist yet on this date',
  same_name: 'The new name is the same as the current one',
  same_parent: 'The unit is already there',
  move_under_itself: 'A unit cannot move under itself',
  wrong_parent_kind: 'This kind of unit cannot be placed there',
  merge_two_units: 'Choose at least two different units to merge',
  merge_same_kind: 'Only units of the same kind can be merged',
  split_two_parts: 'A split makes at least two units',
  split_person_not_member: 'This person is not a current member of the unit',
  split_person_twice: 'This person is in two parts',
  split_child_unknown: 'This unit is not a current child of the unit being split',
  split_unassigned_members: 'Some current members are in no part',
  split_unassigned_children: 'Some units under it are in no part',
  end_on_start_day: 'A unit cannot end on the day it started',
  dissolve_has_members: 'Transfer the members before dissolving the unit',
  dissolve_has_children: 'Move or dissolve the units under it first',
  later_change: 'A later change stands in the way: date this change after it, or undo that one first',
  versions_overlap: 'This change overlaps another dated change of the unit',
  name_taken_in_parent: 'Another unit with this name is already there on this date',
  // the old tree and the 2025 reform (org/reform.ts)
  mapping_unknown_code: 'No unit with this code is in force on the day of the reform',
  mapping_bad_row: 'This mapping row lacks a code or a name',
  reform_before_units: 'The old tree must begin before the day of the reform, and the new units must exist on that day',
  cell_moved_twice: 'This cell already changes on the day of the reform; a cell moves once on one day',
  // accounts
  username_format: 'Use 3–40 letters, digits, dots, dashes or underscores',
  username_taken: 'This username is taken',
  email_taken: 'This e-mail address belongs to another account',
  password_short: 'At least 10 characters',
  person_unknown: 'No such person in your branch',
  role_not_on_commune: 'Grant this role on a cell, not on a commune',
  // any text or date
  bad_character: 'Contains a character that cannot be stored',
  date_out_of_range: 'A date between 1900 and 2100',
} as const;

export type IssueCode = keyof typeof issueMessages;
export interface Issue {
  path: string;
  code: IssueCode;
  message: string;
}

export const issue = (code: IssueCode, path: string): Issue => ({ path, code, message: issueMessages[code] });

/** What zod reports about one value (its issue, reduced to what the mapping reads). */
export interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: { code?: string };
  keys?: string[];
}

export interface CodedIssue {
  path: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const withParams = (code: IssueCode, path: string, params?: Record<string, number>): CodedIssue => ({
  path,
  code,
  message: issueMessages[code].replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params?.[k] ?? '')),
  ...(params ? { params } : {}),
});

/**
 * One of our codes for an issue zod found, whatever the route: an empty or missing value is `required` (not "too
 * short", "Invalid UUID" or "expected string, received null"), a length states its limit, a picked id asks to choose
 * from the list. `value` is what the person sent at the issue's path. A rule's own code (`params.code`) is kept.
 */
export function fieldIssueOfZod(i: ZodIssueLike, value: unknown): CodedIssue {
  const path = i.path.map(String).join('.');
  const custom = i.params?.code;
  if (custom) return { path, code: custom, message: i.message };
  const n = (x: number | bigint | undefined) => Number(x ?? 0);
  switch (i.code) {
    case 'unrecognized_keys':
      // Named by the key itself, so the person (or the developer) sees which one.
      return withParams('unknown_field', [...i.path.map(String), ...(i.keys?.length === 1 ? i.keys : [])].join('.'));
    case 'too_small':
      if (isEmpty(value) || (i.origin === 'string' && n(i.minimum) <= 1)) return withParams('required', path);
      if (i.origin === 'string') return withParams('too_short', path, { min: n(i.minimum) });
      if (i.origin === 'array' || i.origin === 'set') return withParams('too_few', path, { min: n(i.minimum) });
      return withParams('number_too_small', path, { min: n(i.minimum) });
    case 'too_big':
      if (i.origin === 'string') return withParams('too_long', path, { max: n(i.maximum) });
      if (i.origin === 'array' || i.origin === 'set') return withParams('too_many', path, { max: n(i.maximum) });
      return withParams('number_too_large', path, { max: n(i.maximum) });
  }
  // A picked id left empty (a select box): "choose one from the list" says what to do better than "required".
  if (i.code === 'invalid_format' && (i.format === 'uuid' || i.format === 'guid') && value === '') return withParams('choose_from_list', path);
  if (isEmpty(value)) return withParams('required', path);
  switch (i.code) {
    case 'invalid_format':
      if (i.format === 'uuid' || i.format === 'guid') return withParams('choose_from_list', path);
      if (i.format === 'email') return withParams('email_format', path);
      if (i.format === 'date' || i.format === 'datetime') return withParams('not_a_date', path);
      return withParams('wrong_format', path);
    case 'invalid_value':
      return withParams('choose_one', path);
    case 'invalid_type':
      return withParams(i.expected === 'int' || i.expected === 'number' ? 'not_a_number' : 'wrong_value', path);
    default:
      return withParams('wrong_value', path);
  }
}
