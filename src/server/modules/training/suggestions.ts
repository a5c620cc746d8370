// Who to train: the suggestion rules (data: secretaries without elementary theory, secretaries elected in the last
// 12 months, secretaries and deputies not trained for 3 years) applied to a course, and who has not been trained
// per branch and target group; the untrained list and the training figures in Excel. Persons, positions and the
// tree are read through people's and org's offered pieces only.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { theoryLevels } from '../../../domain/enums.js';
import type { Actor } from '../../platform/access.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newWorkbook, workbookBuffer } from '../../platform/excel.js';
import { unitIdsUnderOn } from '../org/branch.js';
import { versionsOn } from '../org/queries.js';
import { latestPaths } from '../org/tree.js';
import { persons, positionHoldersOn } from '../people/queries.js';
import { loadCourse } from './courses.js';
import { authorizeCourse, mayTrainee, traineesInScope, traineeUnitsFor, type TraineeAction } from './policy.js';
import { trainingGroups } from './schema.js';

type Group = typeof trainingGroups.$inferSelect;

export interface Candidate {
  personId: string;
  name: string;
  cellId: string;
  cell: string;
  commune: string | null;
  position: string | null;
  since: string;
  theoryLevel: string;
  lastTrained: string | null;
}

const LEVELS = sql.raw(`ARRAY[${theoryLevels.map((l) => `'${l}'`).join(',')}]::text[]`);

/** The persons a group selects on `today` in the actor's scope for `action`, with the conditions of the group (and `years` for the untrained). */
async function selectGroup(exec: Executor, actor: Actor, action: TraineeAction, g: Pick<Group, 'positions' | 'theoryBelow' | 'electedWithinMonths' | 'untrainedYears'>, opts: { under?: string; exclude?: SQL; limit: number }) {
  const today = todayIso();
  const where: SQL[] = [sql`p.status = 'active'`, traineesInScope(actor, action, sql`c.path`)];
  if (opts.under) where.push(sql`c.path LIKE ${opts.under + '%'}`);
  if (g.theoryBelow) where.push(sql`array_position(${LEVELS}, p.theory_level::text) < array_position(${LEVELS}, ${g.theoryBelow}::text)`);
  if (g.electedWithinMonths) where.push(sql`h.valid_from > (${today}::date - make_interval(months => ${g.electedWithinMonths}))::date`);
  if (g.untrainedYears)
    where.push(sql`NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.person_id = p.id AND e.result = 'passed' AND e.completed_on > (${today}::date - make_interval(years => ${g.untrainedYears}))::date)`);
  if (opts.exclude) where.push(opts.exclude);
  // One row a person (a secretary who is also a deputy elsewhere counts once), in Vietnamese name order.
  const r = await exec.execute<{ person_id: string; full_name: string; cell_id: string; cell: string; commune: string | null; position: string | null; since: string; theory_level: string; last_trained: string | null }>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (p.id) p.id AS person_id, p.full_name, p.name_sort, h.unit_id AS cell_id, c.name AS cell, pc.name AS commune, h.position, h.valid_from::text AS since,
        p.theory_level::text AS theory_level,
        (SELECT max(e.completed_on)::text FROM training_enrolments e WHERE e.person_id = p.id AND e.result = 'passed') AS last_trained
      FROM ${positionHoldersOn(sql`${today}::date`, g.positions)} h
      JOIN ${persons} p ON p.id = h.person_id
      JOIN ${versionsOn(sql`${today}::date`)} c ON c.unit_id = h.unit_id
      LEFT JOIN ${versionsOn(sql`${today}::date`)} pc ON pc.unit_id = c.parent_id
      WHERE ${and(...where)}
      ORDER BY p.id, h.valid_from
    ) x
    ORDER BY x.name_sort COLLATE "C", x.person_id
    LIMIT ${opts.limit}`);
  return r.rows.map<Candidate>((x) => ({
    personId: x.person_id,
    name: x.full_name,
    cellId: x.cell_id,
    cell: x.cell,
    commune: x.commune,
    position: x.position,
    since: x.since,
    theoryLevel: x.theory_level,
    lastTrained: x.last_trained,
  }));
}

/** The suggestions for a course: every active rule over the actor's branches, one row per person with the rules that chose them; those already in the course left out. */
export async function suggestionsFor(db: Db, actor: Actor, courseId: string) {
  const { path } = await loadCourse(db, actor, courseId);
  authorizeCourse(actor, 'course.enrol', path);
  const rules = await db.select().from(trainingGroups).where(and(eq(trainingGroups.use, 'suggestion'), eq(trainingGroups.active, true))).orderBy(asc(trainingGroups.sort));
  const exclude = sql`NOT EXISTS (SELECT 1 FROM training_enrolments x WHERE x.course_id = ${courseId} AND x.person_id = p.id AND x.status <> 'withdrawn')`;
  const byPerson = new Map<string, Candidate & { rules: string[] }>();
  for (const rule of rules) {
    for (const c of await selectGroup(db, actor, 'trainee.enrol', rule, { exclude, limit: 1000 })) {
      const had = byPerson.get(c.personId);
      if (had) had.rules.push(rule.code);
      else byPerson.set(c.personId, { ...c, rules: [rule.code] });
    }
  }
  return { items: [...byPerson.values()].slice(0, 1000) };
}

/** Who of a target group under a unit has passed no course in the last `years` years. */
export async function untrained(db: Db, actor: Actor, query: { unitId?: string; group: string; years: number }) {
  const [g] = await db.select().from(trainingGroups).where(and(eq(trainingGroups.code, query.group), eq(trainingGroups.use, 'target')));
  if (!g) throw invalid([{ path: 'group', code: 'training_group_unknown', message: 'Unknown target group' }]);
  let under: string | undefined;
  if (query.unitId) {
    const unit = (await latestPaths(db, [query.unitId])).get(query.unitId);
    if (!unit || !mayTrainee(actor, 'trainee.read', unit.path)) throw notFound('Unit');
    under = unit.path;
  }
  const items = await selectGroup(db, actor, 'trainee.read', { ...g, untrainedYears: query.years }, { under, limit: 5000 });
  return { group: g.code, years: query.years, items };
}

/** Courses and passed trainees per year under a unit, from the yearly counts the triggers keep. */
export async function yearlyFigures(db: Executor, unitPath: string) {
  const today = todayIso();
  const r = await db.execute<{ year: number; courses: number; trainees: number }>(sql`
    WITH units AS ${unitIdsUnderOn(unitPath, today)}
    SELECT y.year, coalesce((SELECT sum(courses) FROM training_unit_year u WHERE u.year = y.year AND u.unit_id IN (SELECT * FROM units)), 0)::int AS courses,
      coalesce((SELECT sum(trainees) FROM training_cell_year c WHERE c.year = y.year AND c.cell_id IN (SELECT * FROM units)), 0)::int AS trainees
    FROM (SELECT DISTINCT year FROM training_unit_year UNION SELECT DISTINCT year FROM training_cell_year) y ORDER BY y.year`);
  return r.rows;
}

export async function untrainedWorkbook(db: Db, actor: Actor, query: { unitId?: string; group: string; years: number }) {
  const list = await untrained(db, actor, query);
  // The figures of the unit asked for (checked by `untrained`), else of the actor's first branch.
  const unitPath = query.unitId ? (await latestPaths(db, [query.unitId])).get(query.unitId)!.path : traineeUnitsFor(actor, 'trainee.read')[0]?.path;
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('Chưa bồi dưỡng');
  sheet.addRow(['Họ và tên', 'Chi bộ', 'Đảng bộ xã', 'Chức vụ', 'Từ ngày', 'Lý luận chính trị', 'Lần bồi dưỡng gần nhất']).font = { bold: true };
  for (const c of list.items) sheet.addRow([c.name, c.cell, c.commune ?? '', c.position ?? '', c.since, c.theoryLevel, c.lastTrained ?? '']);
  sheet.columns.forEach((col) => (col.width = 24));
  const figures = wb.addWorksheet('Số liệu bồi dưỡng');
  figures.addRow(['Năm', 'Số lớp', 'Số lượt học viên đạt']).font = { bold: true };
  const rows = unitPath ? await yearlyFigures(db, unitPath) : [];
  for (const r of rows) figures.addRow([r.year, r.courses, r.trainees]);
  return { buffer: await workbookBuffer(wb), fileName: `chua-boi-duong-${list.group}.xlsx` };
}
