-- Meetings: per-node totals by day (meeting_node_days), so a node's figure reads at most a year of its own rows
-- instead of summing every cell under it (p95 52–96 ms at the demo province before). A cell's counts are dated
-- (planned day, held day, an item's overdue span) and given to every unit above the cell on its path ON THAT DAY
-- (a cell's own figure reads its own rows in meeting_cell_days) — decision 0005's rule for the registry: a cell that moves on day M counts in its old commune
-- before M and in its new one from M; history is never re-attributed. An overdue item is a span clipped to each
-- version of its cell (+1 where it starts under a path, −1 where it ends there), so the items overdue on D at a node
-- are the sum of its rows up to D, counted where the cell is on D.
-- The refresh recomputes the touched cells whole (as before), takes their old rows back from the node totals
-- (meeting_cell_days keeps the path each row was given to) and adds the new ones. Node rows are shared by many cells,
-- so refreshes are serialized by one advisory lock per transaction (they were per bucket of cells).
-- A change of a cell's versions (a dated move, a merge, a commune moved) refreshes the cell.
-- band1…band4 count the scored meetings by the rank of their quality band in their template (1 = the highest
-- threshold; the seeded 42-HD template has four: good ≥ 90, fair ≥ 70, average ≥ 50, weak), for the quality-score
-- distribution; a template with more than four bands would count its fifth and lower nowhere.
-- The units above a cell on a path ('/root/…/commune/cell/' → root … commune): a cell's own figure reads its rows.
CREATE FUNCTION meetings_path_ancestors(path text) RETURNS uuid[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (a[1:cardinality(a) - 1])::uuid[] FROM string_to_array(trim(BOTH '/' FROM path), '/') AS a
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION meetings_node_days_apply(cells uuid[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO meeting_node_days AS n (node_id, day, due, on_schedule, attended, present, scored, good, overdue, band1, band2, band3, band4)
  SELECT a.node_id, d.day, sign * sum(d.due), sign * sum(d.on_schedule), sign * sum(d.attended), sign * sum(d.present),
    sign * sum(d.scored), sign * sum(d.good), sign * sum(d.overdue), sign * sum(d.band1), sign * sum(d.band2), sign * sum(d.band3), sign * sum(d.band4)
  FROM meeting_cell_days d
  CROSS JOIN LATERAL unnest(meetings_path_ancestors(d.path)) AS a(node_id)
  WHERE d.cell_id IN (SELECT unnest(cells)) AND d.path <> ''
  GROUP BY a.node_id, d.day
  ORDER BY a.node_id, d.day
  ON CONFLICT (node_id, day) DO UPDATE SET
    due = n.due + EXCLUDED.due, on_schedule = n.on_schedule + EXCLUDED.on_schedule, attended = n.attended + EXCLUDED.attended,
    present = n.present + EXCLUDED.present, scored = n.scored + EXCLUDED.scored, good = n.good + EXCLUDED.good,
    overdue = n.overdue + EXCLUDED.overdue, band1 = n.band1 + EXCLUDED.band1, band2 = n.band2 + EXCLUDED.band2,
    band3 = n.band3 + EXCLUDED.band3, band4 = n.band4 + EXCLUDED.band4;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION meetings_figures_refresh(cells uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF cells IS NULL OR cardinality(cells) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(7311, -1);
  touched := ARRAY(SELECT DISTINCT a.node_id FROM meeting_cell_days d
    CROSS JOIN LATERAL unnest(meetings_path_ancestors(d.path)) AS a(node_id)
    WHERE d.cell_id IN (SELECT unnest(cells)) AND d.path <> '');
  -- take the cells' old rows back from the node totals, then recompute the rows
  PERFORM meetings_node_days_apply(cells, -1);
  DELETE FROM meeting_cell_days d USING (SELECT DISTINCT unnest(cells) AS id) c WHERE d.cell_id = c.id;
  INSERT INTO meeting_cell_days (cell_id, day, path, due, on_schedule, attended, present, scored, good, overdue, band1, band2, band3, band4)
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
    SELECT m.cell_id, m.held_on, 0, 0, a.n, a.present,
      (coalesce(m.review_total, m.self_total) IS NOT NULL)::int,
      coalesce(coalesce(m.review_total, m.self_total) >= (SELECT b.min_score FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.code = 'good'), false)::int,
      -- the rank of the meeting's band in its template (1 = the highest threshold): 1 + the bands above its score,
      -- when some band takes the score at all (else 0: counted nowhere)
      CASE WHEN EXISTS (SELECT 1 FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.min_score <= coalesce(m.review_total, m.self_total))
        THEN 1 + (SELECT count(*) FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.min_score > coalesce(m.review_total, m.self_total))::int
        ELSE 0 END
    FROM cell_meetings m
    CROSS JOIN LATERAL (SELECT count(*)::int AS n, count(*) FILTER (WHERE x.status = 'present')::int AS present FROM meeting_attendance x WHERE x.meeting_id = m.id) a
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
  SELECT cell_id, day, path, sum(due), sum(on_schedule), sum(attended), sum(present), sum(scored), sum(good), sum(overdue),
    sum(band1), sum(band2), sum(band3), sum(band4)
  FROM e GROUP BY cell_id, day, path;
  PERFORM meetings_node_days_apply(cells, 1);
  touched := touched || ARRAY(SELECT DISTINCT a.node_id FROM meeting_cell_days d
    CROSS JOIN LATERAL unnest(meetings_path_ancestors(d.path)) AS a(node_id)
    WHERE d.cell_id IN (SELECT unnest(cells)) AND d.path <> '');
  -- rows that came back to nothing go (a rebuild from scratch leaves none)
  DELETE FROM meeting_node_days n
  WHERE n.node_id IN (SELECT unnest(touched)) AND n.due = 0 AND n.on_schedule = 0 AND n.attended = 0 AND n.present = 0 AND n.scored = 0 AND n.good = 0 AND n.overdue = 0
    AND n.band1 = 0 AND n.band2 = 0 AND n.band3 = 0 AND n.band4 = 0;
END $$;
--> statement-breakpoint
CREATE FUNCTION meetings_figures_tree() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('chibo.meetings_figures_deferred', true) = 'on' THEN RETURN NULL; END IF;
  -- only cells that have meeting rows or items (the others have nothing to re-attribute)
  IF TG_OP <> 'DELETE' THEN
    PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT c.unit_id FROM chg_new c WHERE EXISTS (SELECT 1 FROM meeting_cell_days d WHERE d.cell_id = c.unit_id)
      OR EXISTS (SELECT 1 FROM cell_meetings m WHERE m.cell_id = c.unit_id) OR EXISTS (SELECT 1 FROM meeting_action_items i WHERE i.cell_id = c.unit_id)));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT c.unit_id FROM chg_old c WHERE EXISTS (SELECT 1 FROM meeting_cell_days d WHERE d.cell_id = c.unit_id)
      OR EXISTS (SELECT 1 FROM cell_meetings m WHERE m.cell_id = c.unit_id) OR EXISTS (SELECT 1 FROM meeting_action_items i WHERE i.cell_id = c.unit_id)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER meetings_figures_ins AFTER INSERT ON org_unit_versions REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_tree();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_upd AFTER UPDATE ON org_unit_versions REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_tree();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_del AFTER DELETE ON org_unit_versions REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_tree();
--> statement-breakpoint
TRUNCATE meeting_cell_days, meeting_node_days;
--> statement-breakpoint
SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings UNION SELECT cell_id FROM meeting_action_items));
