// Field problems of the supervision channel, each with a stable code. The web app shows the translation of
// `supervision.issues.<code>` from the module's catalogs; the English message is the fallback.
export const supervisionIssueMessages = {
  text_too_short: 'Write at least 10 characters',
  text_too_long: 'The text is too long',
  name_required: 'Give your name, or choose to stay anonymous',
  contact_required: 'Give a phone number or an address to reach you, or choose to stay anonymous',
  place_not_cell: 'Choose a village (party cell) that exists today',
  file_type: 'Only JPEG or PNG images and PDF files are accepted',
  too_many_files: 'Too many files',
  bad_report_field: 'The report could not be read',
  wrong_status: 'The case is not in a state that allows this',
  reason_required: 'Give the reason',
  already_extended: 'The deadline was already extended once',
  rule_range: 'A whole number within the allowed range',
  rule_order: 'The time to conclude cannot be shorter than the time to acknowledge',
  same_case: 'A case cannot be linked with itself',
} as const;

export type SupervisionIssueCode = keyof typeof supervisionIssueMessages;

export const supervisionIssue = (code: SupervisionIssueCode, path: string) => ({ path, code, message: supervisionIssueMessages[code] });
