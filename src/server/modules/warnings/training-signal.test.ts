// Training's signal (training/signals.ts), registered through the training descriptor: a cell's secretary in post
// past the threshold without elementary theory or a course passed. Read as of the day: a course passed later does not
// clear an earlier day; the list shows it as the cell's warning with its sentence's parameters.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { modules } from '../index.js';
import { trainingSignals } from '../training/signals.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
const today = todayIso();
const D = (n: number) => addDays(today, -n);
const signal = trainingSignals[0];
const ask = (path: string, date: string, threshold = signal.defaults.threshold) =>
  signal.evaluate(ctx.database.db, { path, date, config: { ...signal.defaults, threshold } });

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
});

describe('training: a secretary untrained past the threshold', () => {
  it('is registered through the training descriptor', () => {
    expect(modules.find((m) => m.name === 'training')!.signals!.map((s) => s.key)).toEqual(['training.secretary_untrained']);
  });

  it('flags the cell whose secretary has no elementary theory, not those whose secretary has it', async () => {
    const found = await ask(world.province.path, today);
    expect(found.map((f) => f.cellId)).toEqual([world.cellB1.id]);
    expect(found[0].params).toMatchObject({ termFrom: '2020-08-15', threshold: 730 });
    expect(found[0].since).toBe(addDays('2020-08-15', 730));
    // Inside the branch only; not before the threshold's days in post; not with a threshold over the days in post.
    expect(await ask(world.communeA.path, today)).toEqual([]);
    expect(await ask(world.province.path, '2020-12-31')).toEqual([]);
    expect(await ask(world.province.path, today, found[0].count + 1)).toEqual([]);
    const res = await admin.get(`/api/warnings?date=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json().items.find((i: { cell: { id: string } }) => i.cell.id === world.cellB1.id);
    expect(w.signals.map((s: { key: string }) => s.key)).toContain('training.secretary_untrained');
  });

  it('a course passed clears it from its completion day on, not before', async () => {
    const q = (text: string, params: unknown[]) => ctx.database.pool.query(text, params);
    const { rows: [course] } = await q(
      `INSERT INTO training_courses (title, kind_code, organizer_unit_id, target_group, starts_on, ends_on, place, capacity, min_attendance_pct)
       VALUES ('Bồi dưỡng bí thư', (SELECT code FROM training_course_kinds LIMIT 1), $1, (SELECT code FROM training_groups LIMIT 1), $2, $3, 'Hội trường', 30, 80) RETURNING id`,
      [world.communeB.id, D(15), D(10)],
    );
    await q(`INSERT INTO training_enrolments (course_id, person_id, cell_id, status, result, completed_on) VALUES ($1, $2, $3, 'enrolled', 'passed', $4)`, [course.id, world.people.secretaryB1.id, world.cellB1.id, D(10)]);
    expect(await ask(world.province.path, today)).toEqual([]);
    expect(await ask(world.province.path, D(10))).toEqual([]);
    expect((await ask(world.province.path, D(11))).map((f) => f.cellId)).toEqual([world.cellB1.id]);
  });
});
