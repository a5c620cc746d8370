// Early warnings: the inputs of the warnings module (settings, the work on a warning) and their issue codes, shared
// by the server and the web. The signals themselves are the modules' (server: platform/signals.ts).
import { z } from 'zod';
import { IsoDate } from './person.js';

export const warningIssueMessages = {
  unknown_signal: 'No such signal',
  threshold_range: 'The threshold is outside what this signal allows',
  window_range: 'The window is outside what this signal allows',
  share_range: 'A share from 1 to 100 per cent',
  follow_up_past: 'The follow-up date is in the past',
  assignee_not_in_branch: 'This account does not work in the branch of the warning',
  warning_closed: 'The warning is already closed',
  warning_acknowledged: 'The warning is already acknowledged',
  duplicate_signal: 'This signal is listed twice',
  date_in_future: 'A date not after today',
} as const;
export type WarningIssueCode = keyof typeof warningIssueMessages;
export const warningIssue = (code: WarningIssueCode, path: string) => ({ path, code, message: warningIssueMessages[code] });

/** The commune-level rule's key among the settings: a commune is flagged when this share (per cent) of its cells is. */
export const COMMUNE_SHARE_KEY = 'warnings.commune_share';
export const COMMUNE_SHARE_DEFAULT = 30;

export const SignalSetting = z.strictObject({
  key: z.string().min(1).max(100),
  threshold: z.number().int(),
  windowDays: z.number().int(),
  enabled: z.boolean(),
});
export const WarningSettingsBody = z.strictObject({
  signals: z.array(SignalSetting).max(100),
  communeShare: z.number().int(),
});
export type WarningSettingsInput = z.infer<typeof WarningSettingsBody>;

export const WarningSubjectKind = z.enum(['cell', 'person']);
export type WarningSubjectKind = z.infer<typeof WarningSubjectKind>;

export const NoteBody = z.strictObject({ body: z.string().trim().min(1).max(2000) });
export const FollowUpBody = z.strictObject({ assigneeUserId: z.uuid(), by: IsoDate, note: z.string().trim().max(2000).optional() });
export const CloseBody = z.strictObject({ reason: z.string().trim().min(3).max(2000) });

/** A warning's state of work: open (never handled, or back after new evidence), acknowledged, closed. */
export const warningStatuses = ['open', 'acknowledged', 'closed'] as const;
export type WarningStatus = (typeof warningStatuses)[number];
