-- Pre-aggregated registry figures, kept current in the writing transaction (docs/decisions/0005-fast-figures.md).
-- The definitions mirror src/server/modules/dashboard/figures.ts (the raw SQL, which stays the reference).
--
-- 1. figures_cell_segments(cells): each cell's figures as piecewise-constant segments, from the registry.
-- 2. cell_figure_segments stores them; node_figures holds, for every ancestor on each segment's path, the running
--    totals from each event day on. figures_refresh(cells) replaces the cells' segments and applies the difference
--    (old segments subtracted, new ones added) to the running totals of the ancestors of both — so a moved cell
--    leaves its old commune and enters the new one from the day of the move.
-- 3. Statement-level triggers (transition tables) on the registry tables record the touched cells in figures_dirty;
--    a deferred constraint trigger refreshes them once, at commit, under one advisory lock.

-- The day a person born on `birth` completes `years` years, like ageOn(): a 29 February birthday on 1 March.
CREATE FUNCTION figures_birthday(birth date, years integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN to_char(birth, 'MMDD') = '0229'
    THEN make_date(extract(year FROM birth)::int + years, 2, 28) + 1
    ELSE make_date(extract(year FROM birth)::int + years, extract(month FROM birth)::int, extract(day FROM birth)::int) END
$$;
--> statement-breakpoint
CREATE FUNCTION figures_cell_segments(cell_ids uuid[])
RETURNS TABLE (cell_id uuid, valid_from date, valid_to date, path text,
  cells integer, members integer, full_members integer, cells_under_minimum integer, cells_without_secretary integer,
  secretaries integer, university integer, theory integer, village_head integer, laptop integer, birth_sum bigint,
  band_under35 integer, band_from35to45 integer, band_from46to60 integer, band_over60 integer)
LANGUAGE sql STABLE AS $$
-- cs: the cells and their lifetime [lo, hi) over all their versions; every span is clipped to it first (a member
-- since 1980 of a cell created in 2025 counts from 2025), which keeps the number of distinct days small.
WITH cs AS (
  SELECT v.unit_id AS id, min(v.valid_from) AS lo,
    CASE WHEN bool_or(v.valid_to IS NULL) THEN NULL ELSE max(v.valid_to) END AS hi
  FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id
  WHERE u.id = ANY(cell_ids) AND u.kind = 'cell'
  GROUP BY v.unit_id
),
terms AS (
  SELECT t.unit_id, t.person_id, greatest(t.valid_from, cs.lo) AS valid_from, least(t.valid_to, cs.hi) AS valid_to,
    p.birth_date, p.education, p.theory_level,
    figures_birthday(p.birth_date, 35) AS b35, figures_birthday(p.birth_date, 46) AS b46, figures_birthday(p.birth_date, 61) AS b61
  FROM position_terms t JOIN cs ON cs.id = t.unit_id JOIN people p ON p.id = t.person_id
  WHERE t.position = 'secretary' AND (cs.hi IS NULL OR t.valid_from < cs.hi) AND (t.valid_to IS NULL OR t.valid_to > cs.lo)
),
mships AS (
  SELECT m.unit_id, m.person_id, greatest(m.valid_from, cs.lo) AS valid_from, least(m.valid_to, cs.hi) AS valid_to
  FROM memberships m JOIN cs ON cs.id = m.unit_id
  WHERE (cs.hi IS NULL OR m.valid_from < cs.hi) AND (m.valid_to IS NULL OR m.valid_to > cs.lo)
),
-- (cell, column, amount, from, to): the column holds `amount` more in [from, to).
spans AS (
  SELECT v.unit_id AS cell_id, 'cells' AS k, 1::bigint AS amount, v.valid_from AS f, v.valid_to AS t
  FROM org_unit_versions v JOIN cs ON cs.id = v.unit_id
  UNION ALL
  SELECT m.unit_id, 'members', 1, m.valid_from, m.valid_to FROM mships m
  UNION ALL
  SELECT m.unit_id, 'full_members', 1, greatest(m.valid_from, p.official_on), m.valid_to
  FROM mships m JOIN people p ON p.id = m.person_id
  WHERE p.official_on IS NOT NULL AND (m.valid_to IS NULL OR p.official_on < m.valid_to)
  UNION ALL
  SELECT t.unit_id, x.k, x.amount, t.valid_from, t.valid_to
  FROM terms t CROSS JOIN LATERAL (VALUES
    ('secretaries', 1::bigint),
    ('birth_sum', (t.birth_date - date '2000-01-01')::bigint),
    ('university', CASE WHEN t.education IN ('university', 'master', 'doctorate') THEN 1 ELSE 0 END),
    ('theory', CASE WHEN t.theory_level IN ('elementary', 'intermediate', 'advanced', 'bachelor') THEN 1 ELSE 0 END)
  ) x(k, amount)
  WHERE x.amount <> 0
  UNION ALL
  -- age bands in completed years (ageBands: 0–34, 35–45, 46–60, 61+): a secretary changes band on a birthday
  SELECT t.unit_id, b.k, 1, b.f, b.t
  FROM terms t CROSS JOIN LATERAL (VALUES
    ('band_under35', greatest(t.valid_from, t.birth_date), least(t.valid_to, t.b35)),
    ('band_from35to45', greatest(t.valid_from, t.b35), least(t.valid_to, t.b46)),
    ('band_from46to60', greatest(t.valid_from, t.b46), least(t.valid_to, t.b61)),
    ('band_over60', greatest(t.valid_from, t.b61), t.valid_to)
  ) b(k, f, t)
  WHERE b.t IS NULL OR b.f < b.t
  UNION ALL
  -- a village-head post or a laptop counts once however many overlap: union of the intervals, cut to the term
  SELECT t.unit_id, 'village_head', 1, lower(r), upper(r)
  FROM terms t
  JOIN LATERAL (SELECT range_agg(daterange(cp.valid_from, cp.valid_to)) AS mr FROM concurrent_posts cp
                WHERE cp.person_id = t.person_id AND cp.post = 'village_head'
                  AND (cp.valid_to IS NULL OR cp.valid_to > cp.valid_from)) a ON a.mr IS NOT NULL
  CROSS JOIN LATERAL unnest(a.mr * datemultirange(daterange(t.valid_from, t.valid_to))) r
  UNION ALL
  SELECT t.unit_id, 'laptop', 1, lower(r), upper(r)
  FROM terms t
  JOIN LATERAL (SELECT range_agg(daterange(e.issued_on, e.returned_on)) AS mr FROM equipment_issues e
                WHERE e.person_id = t.person_id AND e.kind = 'laptop'
                  AND (e.returned_on IS NULL OR e.returned_on > e.issued_on)) a ON a.mr IS NOT NULL
  CROSS JOIN LATERAL unnest(a.mr * datemultirange(daterange(t.valid_from, t.valid_to))) r
),
ev AS (
  SELECT s.cell_id, s.f AS day, s.k, s.amount FROM spans s
  UNION ALL
  SELECT s.cell_id, s.t, s.k, -s.amount FROM spans s WHERE s.t IS NOT NULL
),
daily AS (
  SELECT e.cell_id, e.day,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'cells'), 0) AS cells,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'members'), 0) AS members,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'full_members'), 0) AS full_members,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'secretaries'), 0) AS secretaries,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'university'), 0) AS university,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'theory'), 0) AS theory,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'village_head'), 0) AS village_head,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'laptop'), 0) AS laptop,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'birth_sum'), 0) AS birth_sum,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'band_under35'), 0) AS band_under35,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'band_from35to45'), 0) AS band_from35to45,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'band_from46to60'), 0) AS band_from46to60,
    coalesce(sum(e.amount) FILTER (WHERE e.k = 'band_over60'), 0) AS band_over60
  FROM ev e GROUP BY e.cell_id, e.day
),
run AS (
  SELECT d.cell_id, d.day AS valid_from, lead(d.day) OVER w AS valid_to,
    sum(d.cells) OVER w AS cells, sum(d.members) OVER w AS members, sum(d.full_members) OVER w AS full_members,
    sum(d.secretaries) OVER w AS secretaries, sum(d.university) OVER w AS university, sum(d.theory) OVER w AS theory,
    sum(d.village_head) OVER w AS village_head, sum(d.laptop) OVER w AS laptop, sum(d.birth_sum) OVER w AS birth_sum,
    sum(d.band_under35) OVER w AS band_under35, sum(d.band_from35to45) OVER w AS band_from35to45,
    sum(d.band_from46to60) OVER w AS band_from46to60, sum(d.band_over60) OVER w AS band_over60
  FROM daily d
  WINDOW w AS (PARTITION BY d.cell_id ORDER BY d.day)
)
SELECT r.cell_id, r.valid_from, r.valid_to, v.path,
  1, r.members::int, r.full_members::int, (r.full_members < 3)::int, (r.secretaries = 0)::int,
  r.secretaries::int, r.university::int, r.theory::int, r.village_head::int, r.laptop::int, r.birth_sum::bigint,
  r.band_under35::int, r.band_from35to45::int, r.band_from46to60::int, r.band_over60::int
FROM run r
JOIN org_unit_versions v ON v.unit_id = r.cell_id AND v.valid_from <= r.valid_from AND (v.valid_to IS NULL OR v.valid_to > r.valid_from)
WHERE r.cells > 0
$$;
--> statement-breakpoint
-- The segments of `cell_ids` as dated changes (sign × segment at its start, the opposite at its end) of each
-- ancestor on the segment's path (the cell itself excluded: a cell is read from its own segments).
CREATE FUNCTION figures_segment_deltas(sgn integer, cell_ids uuid[])
RETURNS TABLE (node_id uuid, day date,
  cells bigint, members bigint, full_members bigint, cells_under_minimum bigint, cells_without_secretary bigint,
  secretaries bigint, university bigint, theory bigint, village_head bigint, laptop bigint, birth_sum bigint,
  band_under35 bigint, band_from35to45 bigint, band_from46to60 bigint, band_over60 bigint)
LANGUAGE sql STABLE AS $$
  SELECT a.x::uuid, e.day,
    e.k * s.cells, e.k * s.members, e.k * s.full_members, e.k * s.cells_under_minimum, e.k * s.cells_without_secretary,
    e.k * s.secretaries, e.k * s.university, e.k * s.theory, e.k * s.village_head, e.k * s.laptop, e.k * s.birth_sum,
    e.k * s.band_under35, e.k * s.band_from35to45, e.k * s.band_from46to60, e.k * s.band_over60
  FROM cell_figure_segments s
  CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM s.path), '/')) a(x)
  CROSS JOIN LATERAL (VALUES (s.valid_from, sgn::bigint), (s.valid_to, -sgn::bigint)) e(day, k)
  WHERE s.cell_id = ANY(cell_ids) AND a.x <> s.cell_id::text AND e.day IS NOT NULL
$$;
--> statement-breakpoint
-- Recomputes the segments of `cell_ids` from the registry and moves the running totals of their ancestors (old and
-- new) by the difference. Idempotent; `SELECT figures_refresh(array_agg(id)) FROM org_units WHERE kind = 'cell'`
-- rebuilds everything.
CREATE FUNCTION figures_refresh(cell_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.figures_delta') IS NULL THEN
    CREATE TEMP TABLE figures_delta (node_id uuid, day date,
      cells bigint, members bigint, full_members bigint, cells_under_minimum bigint, cells_without_secretary bigint,
      secretaries bigint, university bigint, theory bigint, village_head bigint, laptop bigint, birth_sum bigint,
      band_under35 bigint, band_from35to45 bigint, band_from46to60 bigint, band_over60 bigint) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE figures_delta_net (LIKE figures_delta) ON COMMIT DELETE ROWS;
  END IF;
  DELETE FROM figures_delta;
  DELETE FROM figures_delta_net;
  INSERT INTO figures_delta SELECT * FROM figures_segment_deltas(-1, cell_ids);
  DELETE FROM cell_figure_segments WHERE cell_id = ANY(cell_ids);
  INSERT INTO cell_figure_segments SELECT * FROM figures_cell_segments(cell_ids);
  INSERT INTO figures_delta SELECT * FROM figures_segment_deltas(1, cell_ids);
  -- net changes per node and day; a day that nets to zero changes nothing
  INSERT INTO figures_delta_net
  SELECT d.node_id, d.day,
    sum(d.cells), sum(d.members), sum(d.full_members), sum(d.cells_under_minimum), sum(d.cells_without_secretary),
    sum(d.secretaries), sum(d.university), sum(d.theory), sum(d.village_head), sum(d.laptop), sum(d.birth_sum),
    sum(d.band_under35), sum(d.band_from35to45), sum(d.band_from46to60), sum(d.band_over60)
  FROM figures_delta d GROUP BY d.node_id, d.day
  HAVING sum(d.cells) <> 0 OR sum(d.members) <> 0 OR sum(d.full_members) <> 0 OR sum(d.cells_under_minimum) <> 0 OR
    sum(d.cells_without_secretary) <> 0 OR sum(d.secretaries) <> 0 OR sum(d.university) <> 0 OR sum(d.theory) <> 0
    OR sum(d.village_head) <> 0 OR sum(d.laptop) <> 0 OR sum(d.birth_sum) <> 0 OR sum(d.band_under35) <> 0 OR
    sum(d.band_from35to45) <> 0 OR sum(d.band_from46to60) <> 0 OR sum(d.band_over60) <> 0;
  -- Every row of a node from its first changed day on is rewritten in one ordered pass: the totals just before that
  -- day (base), plus the running sum of the existing rows' own steps and of the changes. A changed day without a row
  -- gets one.
  WITH lo AS (SELECT d.node_id, min(d.day) AS day FROM figures_delta_net d GROUP BY d.node_id),
  base AS (
    SELECT lo.node_id, lo.day, p.* FROM lo
    LEFT JOIN LATERAL (SELECT nf.cells, nf.members, nf.full_members, nf.cells_under_minimum, nf.cells_without_secretary,
                     nf.secretaries, nf.university, nf.theory, nf.village_head, nf.laptop, nf.birth_sum,
                     nf.band_under35, nf.band_from35to45, nf.band_from46to60, nf.band_over60
                       FROM node_figures nf WHERE nf.node_id = lo.node_id AND nf.valid_from < lo.day
                       ORDER BY nf.valid_from DESC LIMIT 1) p ON true
  ),
  steps AS (
    SELECT nf.node_id, nf.valid_from AS day,
      nf.cells - coalesce(lag(nf.cells) OVER w, b.cells, 0) AS cells,
      nf.members - coalesce(lag(nf.members) OVER w, b.members, 0) AS members,
      nf.full_members - coalesce(lag(nf.full_members) OVER w, b.full_members, 0) AS full_members,
      nf.cells_under_minimum - coalesce(lag(nf.cells_under_minimum) OVER w, b.cells_under_minimum, 0) AS cells_under_minimum,
      nf.cells_without_secretary - coalesce(lag(nf.cells_without_secretary) OVER w, b.cells_without_secretary, 0) AS cells_without_secretary,
      nf.secretaries - coalesce(lag(nf.secretaries) OVER w, b.secretaries, 0) AS secretaries,
      nf.university - coalesce(lag(nf.university) OVER w, b.university, 0) AS university,
      nf.theory - coalesce(lag(nf.theory) OVER w, b.theory, 0) AS theory,
      nf.village_head - coalesce(lag(nf.village_head) OVER w, b.village_head, 0) AS village_head,
      nf.laptop - coalesce(lag(nf.laptop) OVER w, b.laptop, 0) AS laptop,
      nf.birth_sum - coalesce(lag(nf.birth_sum) OVER w, b.birth_sum, 0) AS birth_sum,
      nf.band_under35 - coalesce(lag(nf.band_under35) OVER w, b.band_under35, 0) AS band_under35,
      nf.band_from35to45 - coalesce(lag(nf.band_from35to45) OVER w, b.band_from35to45, 0) AS band_from35to45,
      nf.band_from46to60 - coalesce(lag(nf.band_from46to60) OVER w, b.band_from46to60, 0) AS band_from46to60,
      nf.band_over60 - coalesce(lag(nf.band_over60) OVER w, b.band_over60, 0) AS band_over60
    FROM node_figures nf JOIN base b ON b.node_id = nf.node_id AND nf.valid_from >= b.day
    WINDOW w AS (PARTITION BY nf.node_id ORDER BY nf.valid_from)
    UNION ALL
    SELECT d.node_id, d.day,
      d.cells, d.members, d.full_members, d.cells_under_minimum, d.cells_without_secretary, d.secretaries,
      d.university, d.theory, d.village_head, d.laptop, d.birth_sum, d.band_under35, d.band_from35to45,
      d.band_from46to60, d.band_over60
    FROM figures_delta_net d
  ),
  per_day AS (
    SELECT i.node_id, i.day,
      sum(i.cells) AS cells, sum(i.members) AS members, sum(i.full_members) AS full_members,
      sum(i.cells_under_minimum) AS cells_under_minimum, sum(i.cells_without_secretary) AS cells_without_secretary,
      sum(i.secretaries) AS secretaries, sum(i.university) AS university, sum(i.theory) AS theory,
      sum(i.village_head) AS village_head, sum(i.laptop) AS laptop, sum(i.birth_sum) AS birth_sum,
      sum(i.band_under35) AS band_under35, sum(i.band_from35to45) AS band_from35to45, sum(i.band_from46to60) AS
      band_from46to60, sum(i.band_over60) AS band_over60
    FROM steps i GROUP BY i.node_id, i.day
  )
  INSERT INTO node_figures
  SELECT p.node_id, p.day,
    coalesce(b.cells, 0) + sum(p.cells) OVER w,
    coalesce(b.members, 0) + sum(p.members) OVER w,
    coalesce(b.full_members, 0) + sum(p.full_members) OVER w,
    coalesce(b.cells_under_minimum, 0) + sum(p.cells_under_minimum) OVER w,
    coalesce(b.cells_without_secretary, 0) + sum(p.cells_without_secretary) OVER w,
    coalesce(b.secretaries, 0) + sum(p.secretaries) OVER w,
    coalesce(b.university, 0) + sum(p.university) OVER w,
    coalesce(b.theory, 0) + sum(p.theory) OVER w,
    coalesce(b.village_head, 0) + sum(p.village_head) OVER w,
    coalesce(b.laptop, 0) + sum(p.laptop) OVER w,
    coalesce(b.birth_sum, 0) + sum(p.birth_sum) OVER w,
    coalesce(b.band_under35, 0) + sum(p.band_under35) OVER w,
    coalesce(b.band_from35to45, 0) + sum(p.band_from35to45) OVER w,
    coalesce(b.band_from46to60, 0) + sum(p.band_from46to60) OVER w,
    coalesce(b.band_over60, 0) + sum(p.band_over60) OVER w
  FROM per_day p JOIN base b ON b.node_id = p.node_id
  WINDOW w AS (PARTITION BY p.node_id ORDER BY p.day)
  ON CONFLICT (node_id, valid_from) DO UPDATE SET
    cells = EXCLUDED.cells, members = EXCLUDED.members, full_members = EXCLUDED.full_members, cells_under_minimum =
    EXCLUDED.cells_under_minimum, cells_without_secretary = EXCLUDED.cells_without_secretary, secretaries =
    EXCLUDED.secretaries, university = EXCLUDED.university, theory = EXCLUDED.theory, village_head =
    EXCLUDED.village_head, laptop = EXCLUDED.laptop, birth_sum = EXCLUDED.birth_sum, band_under35 =
    EXCLUDED.band_under35, band_from35to45 = EXCLUDED.band_from35to45, band_from46to60 = EXCLUDED.band_from46to60,
    band_over60 = EXCLUDED.band_over60;
END $$;
--> statement-breakpoint
-- Records cells a statement touched; the first record of a transaction queues its refresh at commit.
CREATE FUNCTION figures_mark(cell_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(cell_ids) > 0 THEN
    INSERT INTO figures_dirty (txid, cell_id)
    SELECT txid_current(), c FROM unnest(cell_ids) c
    WHERE c IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org_units u WHERE u.id = c AND u.kind <> 'cell')
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
      INSERT INTO figures_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    END IF;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION figures_flush() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  -- One refresh at a time: the next statements read the registry as committed by whoever refreshed before us
  -- (READ COMMITTED takes a new snapshot per statement), so concurrent writers cannot leave stale totals.
  PERFORM pg_advisory_xact_lock(5300510400);
  DELETE FROM figures_pending WHERE txid = NEW.txid;
  WITH d AS (DELETE FROM figures_dirty WHERE txid = NEW.txid RETURNING cell_id) SELECT array_agg(cell_id) INTO ids FROM d;
  IF ids IS NOT NULL THEN PERFORM figures_refresh(ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER figures_flush AFTER INSERT ON figures_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figures_flush();
--> statement-breakpoint
-- memberships and org_unit_versions: the unit of the row (figures_mark keeps cells only)
CREATE FUNCTION figures_mark_units() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM figures_mark(ARRAY(SELECT DISTINCT unit_id FROM figures_new)); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM figures_mark(ARRAY(SELECT DISTINCT unit_id FROM figures_old)); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION figures_mark_secretary_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM figures_mark(ARRAY(SELECT DISTINCT unit_id FROM figures_new WHERE position = 'secretary')); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM figures_mark(ARRAY(SELECT DISTINCT unit_id FROM figures_old WHERE position = 'secretary')); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The cells where these people are (or were) secretary; with memberships, also every cell they were members of.
CREATE FUNCTION figures_mark_people(person_ids uuid[], with_memberships boolean) RETURNS void
LANGUAGE sql AS $$
  SELECT figures_mark(ARRAY(
    SELECT t.unit_id FROM position_terms t WHERE t.person_id = ANY(person_ids) AND t.position = 'secretary'
    UNION
    SELECT m.unit_id FROM memberships m WHERE with_memberships AND m.person_id = ANY(person_ids)))
$$;
--> statement-breakpoint
CREATE FUNCTION figures_mark_posts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM figures_mark_people(ARRAY(SELECT DISTINCT person_id FROM figures_new WHERE post = 'village_head'), false); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM figures_mark_people(ARRAY(SELECT DISTINCT person_id FROM figures_old WHERE post = 'village_head'), false); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION figures_mark_equipment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM figures_mark_people(ARRAY(SELECT DISTINCT person_id FROM figures_new WHERE kind = 'laptop'), false); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM figures_mark_people(ARRAY(SELECT DISTINCT person_id FROM figures_old WHERE kind = 'laptop'), false); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- people: only a change of what the figures read (new people have no memberships yet; deleted ones none left)
CREATE FUNCTION figures_mark_person_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_mark_people(ARRAY(
    SELECT n.id FROM figures_new n JOIN figures_old o ON o.id = n.id
    WHERE (n.official_on, n.birth_date, n.education, n.theory_level) IS DISTINCT FROM (o.official_on, o.birth_date, o.education, o.theory_level)), true);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER figures_ins AFTER INSERT ON memberships REFERENCING NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_units();
--> statement-breakpoint
CREATE TRIGGER figures_upd AFTER UPDATE ON memberships REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_units();
--> statement-breakpoint
CREATE TRIGGER figures_del AFTER DELETE ON memberships REFERENCING OLD TABLE AS figures_old FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_units();
--> statement-breakpoint
CREATE TRIGGER figures_ins AFTER INSERT ON org_unit_versions REFERENCING NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_units();
--> statement-breakpoint
CREATE TRIGGER figures_upd AFTER UPDATE ON org_unit_versions REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_units();
--> statement-breakpoint
CREATE TRIGGER figures_del AFTER DELETE ON org_unit_versions REFERENCING OLD TABLE AS figures_old FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_units();
--> statement-breakpoint
CREATE TRIGGER figures_ins AFTER INSERT ON position_terms REFERENCING NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_secretary_terms();
--> statement-breakpoint
CREATE TRIGGER figures_upd AFTER UPDATE ON position_terms REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_secretary_terms();
--> statement-breakpoint
CREATE TRIGGER figures_del AFTER DELETE ON position_terms REFERENCING OLD TABLE AS figures_old FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_secretary_terms();
--> statement-breakpoint
CREATE TRIGGER figures_ins AFTER INSERT ON concurrent_posts REFERENCING NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_posts();
--> statement-breakpoint
CREATE TRIGGER figures_upd AFTER UPDATE ON concurrent_posts REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_posts();
--> statement-breakpoint
CREATE TRIGGER figures_del AFTER DELETE ON concurrent_posts REFERENCING OLD TABLE AS figures_old FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_posts();
--> statement-breakpoint
CREATE TRIGGER figures_ins AFTER INSERT ON equipment_issues REFERENCING NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_equipment();
--> statement-breakpoint
CREATE TRIGGER figures_upd AFTER UPDATE ON equipment_issues REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_equipment();
--> statement-breakpoint
CREATE TRIGGER figures_del AFTER DELETE ON equipment_issues REFERENCING OLD TABLE AS figures_old FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_equipment();
--> statement-breakpoint
CREATE TRIGGER figures_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_person_changes();
--> statement-breakpoint
-- Existing registries (a data directory seeded before this migration): build everything once.
SELECT figures_refresh(coalesce(array_agg(id), '{}')) FROM org_units WHERE kind = 'cell';
