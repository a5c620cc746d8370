// What training adds to the dashboard of any node and date, over the six calendar years up to the date's year (a
// term and the year of its congress: on 31/12/2025 it is 2020–2025, the article's "126 courses, more than 6,280
// secretaries and deputies"): courses organized under the node, and passed trainees of the cells under it. Each
// is one indexed sum over the yearly counts the triggers keep (migration training_triggers); `raw` counts the rows.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn, unitIdsUnderOn } from '../org/branch.js';
import { secretaryTermsOn } from '../people/queries.js';

export const FIGURE_YEARS = 6;
/** A secretary with no course passed in this many years up to the day counts as untrained (migration training_untrained_triggers). */
export const UNTRAINED_YEARS = 5;
const yearsOf = (date: string) => {
  const y = Number(date.slice(0, 4));
  return { from: y - FIGURE_YEARS + 1, to: y };
};

export const trainingFigures: FigureProvider[] = [
  {
    key: 'training.courses',
    label: { vi: 'Lớp bồi dưỡng (6 năm đến nay)', en: 'Training courses (6 years to date)' },
    compute: async (exec: Executor, at: FigureAt) => {
      const { from, to } = yearsOf(at.date);
      const r = await exec.execute<{ n: number }>(sql`
        SELECT coalesce(sum(courses), 0)::int AS n FROM training_unit_year
        WHERE year BETWEEN ${from} AND ${to} AND unit_id IN ${unitIdsUnderOn(at.path, at.date)}`);
      return r.rows[0]!.n;
    },
    raw: async (exec, at) => {
      const { from, to } = yearsOf(at.date);
      const r = await exec.execute<{ year: number; status: string; path: string | null }>(sql`
        SELECT extract(year FROM starts_on)::int AS year, status, ${pathOn(sql`organizer_unit_id`, at.date)} AS path FROM training_courses`);
      return r.rows.filter((c) => c.path?.startsWith(at.path) && c.status !== 'cancelled' && c.year >= from && c.year <= to).length;
    },
    notifiesFigures: true,
  },
  {
    key: 'training.trainees',
    label: { vi: 'Lượt học viên đạt (6 năm đến nay)', en: 'Trainees passed (6 years to date)' },
    compute: async (exec, at) => {
      const { from, to } = yearsOf(at.date);
      const r = await exec.execute<{ n: number }>(sql`
        SELECT coalesce(sum(trainees), 0)::int AS n FROM training_cell_year
        WHERE year BETWEEN ${from} AND ${to} AND cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
      return r.rows[0]!.n;
    },
    raw: async (exec, at) => {
      const { from, to } = yearsOf(at.date);
      const r = await exec.execute<{ year: number | null; result: string | null; path: string | null }>(sql`
        SELECT extract(year FROM completed_on)::int AS year, result, ${pathOn(sql`cell_id`, at.date)} AS path FROM training_enrolments`);
      return r.rows.filter((e) => e.path?.startsWith(at.path) && e.result === 'passed' && e.year! >= from && e.year! <= to).length;
    },
    notifiesFigures: true,
  },
  {
    // Secretaries in office on the date, in cells under the node, with no course passed in the five years up to it.
    key: 'training.untrainedSecretaries',
    label: { vi: 'Bí thư chưa được bồi dưỡng (5 năm)', en: 'Secretaries untrained for 5 years' },
    compute: async (exec, at) => {
      const r = await exec.execute<{ n: number }>(sql`
        SELECT coalesce(sum(untrained), 0)::int AS n FROM training_untrained_segments
        WHERE cell_id IN ${unitIdsUnderOn(at.path, at.date)} AND valid_from <= ${at.date}::date AND (valid_to IS NULL OR valid_to > ${at.date}::date)`);
      return r.rows[0]!.n;
    },
    raw: async (exec, at) => {
      const d = sql`${at.date}::date`;
      const r = await exec.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM ${secretaryTermsOn(d)} t
        WHERE starts_with(${pathOn(sql`t.unit_id`, at.date)}, ${at.path})
          AND NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.person_id = t.person_id AND e.result = 'passed'
            AND e.completed_on <= ${d} AND e.completed_on > (${d} - interval '${sql.raw(String(UNTRAINED_YEARS))} years')::date)`);
      return r.rows[0]!.n;
    },
    notifiesFigures: true,
  },
];
