// The problems of the yearly review a person can be told about, each with a stable code naming the rule. The
// API sends the code with an English message; the web app shows `review.issues.<code>` from its catalog.
import type { Issue } from './issues.js';

export const reviewIssueMessages = {
  // templates
  template_sum_100: 'The criteria of a group must add up to 100 points',
  template_duplicate_code: 'Two criteria of a group have the same code',
  template_groups: 'A template set has exactly one template for each group',
  template_thresholds_order: 'Thresholds must run excellent > good > completed',
  // cycles
  cycle_deadlines_order: 'Step deadlines must run self-assessment ≤ cell appraisal ≤ decision',
  cycle_branch_outside: 'A participating branch must lie within your own branch',
  cycle_no_participants: 'No party cell with members exists in the chosen branches on the reference date',
  cycle_closed: 'The cycle is closed: nothing more can be recorded in it (rule: no decision after the cycle closed)',
  // self-assessment
  score_out_of_range: 'The score is outside the criterion\'s range (0 to its maximum points)',
  score_unknown_criterion: 'This criterion is not in the template of the group',
  score_missing_criterion: 'Every criterion of the template needs a score',
  tasks_more_than_total: 'Late or exceeding tasks cannot be more than the tasks in total',
  self_assessment_exists: 'A self-assessment for this cycle already exists (rule: one per person per cycle)',
  self_on_behalf_has_account: 'This member has an account and fills the self-assessment themself',
  // appraisal
  appraisal_needs_self: 'The self-assessment must be filled before the cell appraises (rule: steps in order)',
  appraisal_exists: 'The cell has already appraised this record',
  votes_exceed_present: 'Votes for and against cannot be more than the members present',
  meeting_in_future: 'The meeting date is in the future',
  // levels against the rules of 366-QĐ/TW
  level_excellent_needs_90: 'Excellent needs a score of at least 90 points',
  level_excellent_needs_on_time: 'Excellent needs every task done on time',
  level_excellent_needs_30pct_exceeding: 'Excellent needs at least 30% of tasks exceeding the plan',
  level_excellent_disciplined: 'Excellent is not possible with a disciplined member (or when disciplined)',
  level_excellent_shortcomings: 'Excellent needs the shortcomings found earlier to be fixed',
  level_good_needs_70: 'Good needs a score of at least 70 points',
  level_good_needs_on_time: 'Good needs every task done on time',
  level_completed_needs_50: 'Completed needs a score of at least 50 points',
  level_completed_too_late: 'Completed allows at most 20% of tasks late',
  // decision
  decision_needs_appraisal: 'The cell must appraise and propose a level before the decision (rule: steps in order)',
  decision_collective_first: 'Decide the party cell (the collective) before its members (rule: collectives before their members)',
  decision_reason_required: 'A decision that differs from the proposal needs a reason',
  decision_final: 'The decision is final: it cannot be edited, only superseded by a recorded re-check',
  cap_exceeded: 'Too many excellent: at most the set share of those rated good or better in the grassroots organization',
  recheck_needs_decision: 'Only a decided level can be re-checked',
  recheck_window_closed: 'The window for contesting this level has closed',
  // complaints and re-checks (one level up)
  complaint_needs_decision: 'Only a decided level can be contested (rule: a complaint follows the decision)',
  complaint_window_closed: 'The window for contesting this level has closed (rule: a complaint within the days the cycle sets after the decision)',
  complaint_exists: 'A complaint about this level has already been made (rule: one complaint per person per cycle)',
  complaint_on_behalf_has_account: 'This member has an account and makes the complaint themself',
  recheck_needs_complaint: 'There is no complaint waiting for a re-check (rule: a re-check answers a complaint)',
  cycle_open_complaints: 'Complaints are waiting for their re-check: answer them before closing the cycle',
  // import of past years
  import_year_has_cycle: 'This year was reviewed in chibo: its results cannot be imported (rule: import only years before chibo)',
} as const;

export type ReviewIssueCode = keyof typeof reviewIssueMessages;

/** Same shape as the shared field issues, with the review's own codes. */
export const reviewIssue = (code: ReviewIssueCode, path: string, message?: string): Omit<Issue, 'code'> & { code: ReviewIssueCode } => ({
  path,
  code,
  message: message ?? reviewIssueMessages[code],
});
