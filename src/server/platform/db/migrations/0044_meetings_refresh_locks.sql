-- Custom SQL migration file, put your code below! --
-- Meetings' figures refresh, three changes (the review of 6 Dec 2026, and the fresh start):
-- 1. Locks per province, not one for the database. A refresh writes its cells' rows (meeting_cell_days) and the node
--    rows above them on the paths they had (meeting_node_days): the nodes under the roots of those paths — the
--    provinces the cells are and were in (before the 2025 reform: the old ones too). There is no node above a
--    province, so refreshes in different provinces share no row: each takes one advisory lock per root, in root order
--    (7311, hashtext(root)), and takes again the roots that a concurrent tree change gave its cells meanwhile. Two
--    refreshes of one cell share a root, so they still run one at a time. Taken in the statement trigger, before
--    commit (decision 0003's order: these locks, then the audit chain's at commit, never the other way).
-- 2. Started from org's hook (`meetings_on_org_units_changed`, migration 0043), not from triggers of meetings' own on
--    org's org_unit_versions.
-- 3. Set-based: the node totals sum the cell days per parent path and day first, then give each sum to the units on
--    that path (the ancestors of each of ~120 k cell days were computed one by one: ~2 × 3 s for the demo province);
--    one band lookup per meeting instead of three; and `meetings_figures_build` for cells that have no rows yet (the
--    demo seed) skips taking old rows back. The same rows as before (bench/meetings-seed.ts BENCH_CHECK=1 and
--    meetings/demo.test.ts compare the seed's with a full refresh's).
DROP TRIGGER IF EXISTS meetings_figures_ins ON org_unit_versions;
--> statement-breakpoint
DROP TRIGGER IF EXISTS meetings_figures_upd ON org_unit_versions;
--> statement-breakpoint
DROP TRIGGER IF EXISTS meetings_figures_del ON org_unit_versions;
--> statement-breakpoint
DROP FUNCTION IF EXISTS meetings_figures_tree();
--> statement-breakpoint
-- The advisory locks of the provinces these cells' rows are under (see 1.).
CREATE FUNCTION meetings_figures_lock(cells uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  held text[] := '{}';
  roots text[];
  r text;
BEGIN
  LOOP
    -- READ COMMITTED: after waiting for a lock, the next statement sees what its holder committed (a cell moved to
    -- another province meanwhile): take that root too
    roots := ARRAY(
      SELECT x.root FROM (
        SELECT split_part(v.path, '/', 2) AS root FROM org_unit_versions v WHERE v.unit_id = ANY(cells)
        UNION SELECT split_part(d.path, '/', 2) FROM meeting_cell_days d WHERE d.cell_id = ANY(cells) AND d.path <> ''
      ) x WHERE x.root <> '' AND NOT (x.root = ANY(held)) ORDER BY x.root);
    EXIT WHEN cardinality(roots) = 0;
    FOREACH r IN ARRAY roots LOOP
      PERFORM pg_advisory_xact_lock(7311, hashtext(r));
    END LOOP;
    held := held || roots;
  END LOOP;
END $$;
--> statement-breakpoint
-- The cells' rows by day, recomputed from their meetings, attendance and items (as 0042's refresh, one band lookup).
CREATE FUNCTION meetings_cell_days_of(cells uuid[])
RETURNS TABLE (cell_id uuid, day date, path text, due integer, on_schedule integer, attended integer, present integer, scored integer,
  good integer, overdue integer, band1 integer, band2 integer, band3 integer, band4 integer)
LANGUAGE sql STABLE AS $$
  WITH v AS (
    SELECT ov.unit_id, ov.valid_from, ov.valid_to, ov.path FROM org_unit_versions ov WHERE ov.unit_id IN (SELECT unnest(cells))
  ),
  flows AS (
    -- regular meetings due, dated by their planned day; held in the planned month
    SELECT m.cell_id, m.planned_on AS day, 1 AS due,
      (m.status = 'held' AND date_trunc('month', m.held_on) = date_trunc('month', m.planned_on))::int AS on_schedule,
      0 AS attended, 0 AS present, 0 AS scored, 0 AS good, 0 AS band
    FROM cell_meetings m WHERE m.cell_id IN (SELECT unnest(cells)) AND m.kind = 'regular' AND m.status <> 'cancelled'
    UNION ALL
    -- held meetings, dated by their held day: attendance and score
    SELECT m.cell_id, m.held_on, 0, 0, a.n, a.present, (s.score IS NOT NULL)::int, q.good, q.band
    FROM cell_meetings m
    CROSS JOIN LATERAL (SELECT coalesce(m.review_total, m.self_total) AS score) s
    CROSS JOIN LATERAL (SELECT count(*)::int AS n, count(*) FILTER (WHERE x.status = 'present')::int AS present FROM meeting_attendance x WHERE x.meeting_id = m.id) a
    -- good: the score reaches the template's 'good' threshold; band: the rank of the meeting's band in its template
    -- (1 = the highest threshold: 1 + the bands above its score) when some band takes the score at all (else 0)
    CROSS JOIN LATERAL (
      SELECT coalesce(bool_or(b.code = 'good' AND b.min_score <= s.score), false)::int AS good,
        CASE WHEN coalesce(bool_or(b.min_score <= s.score), false) THEN 1 + (count(*) FILTER (WHERE b.min_score > s.score))::int ELSE 0 END AS band
      FROM meeting_quality_bands b WHERE b.template = m.score_template) q
    WHERE m.cell_id IN (SELECT unnest(cells)) AND m.status = 'held'
  ),
  -- an item is overdue from the day after its due day until the day it is done (open: from then on)
  items AS (
    SELECT i.cell_id, i.due_on + 1 AS f, CASE WHEN i.status = 'done' THEN i.done_on END AS t
    FROM meeting_action_items i WHERE i.cell_id IN (SELECT unnest(cells)) AND (i.status = 'open' OR (i.status = 'done' AND i.done_on > i.due_on + 1))
  ),
  e AS (
    SELECT f.cell_id, f.day, v.path, f.due, f.on_schedule, f.attended, f.present, f.scored, f.good, 0 AS overdue,
      (f.band = 1)::int AS band1, (f.band = 2)::int AS band2, (f.band = 3)::int AS band3, (f.band = 4)::int AS band4
    FROM flows f JOIN v ON v.unit_id = f.cell_id AND v.valid_from <= f.day AND (v.valid_to IS NULL OR v.valid_to > f.day)
    UNION ALL
    SELECT i.cell_id, greatest(i.f, v.valid_from), v.path, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
    FROM items i JOIN v ON v.unit_id = i.cell_id AND (i.t IS NULL OR v.valid_from < i.t) AND (v.valid_to IS NULL OR v.valid_to > i.f)
    UNION ALL
    -- least() skips a null: the span ends where the item was done or where this version of the cell ended
    SELECT i.cell_id, least(i.t, v.valid_to), v.path, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0
    FROM items i JOIN v ON v.unit_id = i.cell_id AND (i.t IS NULL OR v.valid_from < i.t) AND (v.valid_to IS NULL OR v.valid_to > i.f)
    WHERE least(i.t, v.valid_to) IS NOT NULL
  )
  SELECT e.cell_id, e.day, e.path, sum(e.due)::int, sum(e.on_schedule)::int, sum(e.attended)::int, sum(e.present)::int, sum(e.scored)::int,
    sum(e.good)::int, sum(e.overdue)::int, sum(e.band1)::int, sum(e.band2)::int, sum(e.band3)::int, sum(e.band4)::int
  FROM e GROUP BY e.cell_id, e.day, e.path
$$;
--> statement-breakpoint
-- The cells' rows added to (sign 1) or taken back from (sign -1) the node totals: summed per parent path and day
-- first (a cell's path is '/root/…/parent/cell/': the parent's path is all but its last 37 characters, a uuid and
-- '/'; regexp_replace was ten times slower), then given to every unit on the parent path.
CREATE OR REPLACE FUNCTION meetings_node_days_apply(cells uuid[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO meeting_node_days AS n (node_id, day, due, on_schedule, attended, present, scored, good, overdue, band1, band2, band3, band4)
  SELECT a.node_id, g.day, sign * sum(g.due), sign * sum(g.on_schedule), sign * sum(g.attended), sign * sum(g.present),
    sign * sum(g.scored), sign * sum(g.good), sign * sum(g.overdue), sign * sum(g.band1), sign * sum(g.band2), sign * sum(g.band3), sign * sum(g.band4)
  FROM (
    SELECT left(d.path, -37) AS parent, d.day, sum(d.due) AS due, sum(d.on_schedule) AS on_schedule, sum(d.attended) AS attended,
      sum(d.present) AS present, sum(d.scored) AS scored, sum(d.good) AS good, sum(d.overdue) AS overdue,
      sum(d.band1) AS band1, sum(d.band2) AS band2, sum(d.band3) AS band3, sum(d.band4) AS band4
    FROM meeting_cell_days d
    WHERE d.cell_id IN (SELECT unnest(cells)) AND d.path <> ''
    GROUP BY 1, 2
  ) g
  CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM g.parent), '/')::uuid[]) AS a(node_id)
  GROUP BY a.node_id, g.day
  ORDER BY a.node_id, g.day
  ON CONFLICT (node_id, day) DO UPDATE SET
    due = n.due + EXCLUDED.due, on_schedule = n.on_schedule + EXCLUDED.on_schedule, attended = n.attended + EXCLUDED.attended,
    present = n.present + EXCLUDED.present, scored = n.scored + EXCLUDED.scored, good = n.good + EXCLUDED.good,
    overdue = n.overdue + EXCLUDED.overdue, band1 = n.band1 + EXCLUDED.band1, band2 = n.band2 + EXCLUDED.band2,
    band3 = n.band3 + EXCLUDED.band3, band4 = n.band4 + EXCLUDED.band4;
$$;
--> statement-breakpoint
-- The units on the paths of these cells' rows (each distinct path once).
CREATE FUNCTION meetings_cells_nodes(cells uuid[]) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(SELECT DISTINCT a.node_id
    FROM (SELECT DISTINCT d.path FROM meeting_cell_days d WHERE d.cell_id IN (SELECT unnest(cells)) AND d.path <> '') p
    CROSS JOIN LATERAL unnest(meetings_path_ancestors(p.path)) AS a(node_id))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION meetings_figures_refresh(cells uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF cells IS NULL OR cardinality(cells) = 0 THEN RETURN; END IF;
  PERFORM meetings_figures_lock(cells);
  touched := meetings_cells_nodes(cells);
  -- take the cells' old rows back from the node totals, then recompute the rows
  PERFORM meetings_node_days_apply(cells, -1);
  DELETE FROM meeting_cell_days d USING (SELECT DISTINCT unnest(cells) AS id) c WHERE d.cell_id = c.id;
  INSERT INTO meeting_cell_days (cell_id, day, path, due, on_schedule, attended, present, scored, good, overdue, band1, band2, band3, band4)
  SELECT * FROM meetings_cell_days_of(cells);
  PERFORM meetings_node_days_apply(cells, 1);
  touched := touched || meetings_cells_nodes(cells);
  -- rows that came back to nothing go (a rebuild from scratch leaves none)
  DELETE FROM meeting_node_days n
  WHERE n.node_id IN (SELECT unnest(touched)) AND n.due = 0 AND n.on_schedule = 0 AND n.attended = 0 AND n.present = 0 AND n.scored = 0 AND n.good = 0 AND n.overdue = 0
    AND n.band1 = 0 AND n.band2 = 0 AND n.band3 = 0 AND n.band4 = 0;
END $$;
--> statement-breakpoint
-- The first rows of cells that have none (a bulk load: the demo seed): no old rows to take back, so two statements —
-- the cells' days, and their sums added to the node totals. Cells that already have rows are refreshed instead.
CREATE FUNCTION meetings_figures_build(cells uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cells IS NULL OR cardinality(cells) = 0 THEN RETURN; END IF;
  IF EXISTS (SELECT 1 FROM meeting_cell_days d WHERE d.cell_id = ANY(cells)) THEN
    PERFORM meetings_figures_refresh(cells);
    RETURN;
  END IF;
  PERFORM meetings_figures_lock(cells);
  INSERT INTO meeting_cell_days (cell_id, day, path, due, on_schedule, attended, present, scored, good, overdue, band1, band2, band3, band4)
  SELECT * FROM meetings_cell_days_of(cells);
  PERFORM meetings_node_days_apply(cells, 1);
END $$;
--> statement-breakpoint
-- org's hook (0043): the changed units that have meeting rows or items are refreshed (the others have nothing to
-- re-attribute). A bulk load that defers its refresh (SET LOCAL chibo.meetings_figures_deferred) skips it too.
CREATE FUNCTION meetings_on_org_units_changed(units uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('chibo.meetings_figures_deferred', true) = 'on' THEN RETURN; END IF;
  PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT u.id FROM unnest(units) AS u(id)
    WHERE EXISTS (SELECT 1 FROM meeting_cell_days d WHERE d.cell_id = u.id)
      OR EXISTS (SELECT 1 FROM cell_meetings m WHERE m.cell_id = u.id) OR EXISTS (SELECT 1 FROM meeting_action_items i WHERE i.cell_id = u.id)));
END $$;
