-- Meetings: the per-cell counts by day the dashboard's figures read by index (meeting_cell_days), kept by triggers
-- on the meetings, attendance, action items and quality bands. A touched cell is recomputed whole from its rows
-- (a cell has a few dozen meetings a year): simple and exact whatever changed (a meeting held, re-dated, scored, its
-- attendance, an item done). Refreshes of the same cells are serialized by an advisory lock per bucket of cells,
-- taken in order before reading; each statement after it reads what committed meanwhile (READ COMMITTED), so two
-- transactions touching one cell cannot leave stale counts. The change feed's figures notices stay in 0012.
CREATE FUNCTION meetings_figures_refresh(cells uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cells IS NULL OR cardinality(cells) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(7311, b) FROM (SELECT DISTINCT hashtext(c::text) & 255 AS b FROM unnest(cells) c ORDER BY 1) s;
  -- the cells as a set (a hash join), not `= ANY(array)`: a rebuild passes thousands of cells
  DELETE FROM meeting_cell_days d USING (SELECT DISTINCT unnest(cells) AS id) c WHERE d.cell_id = c.id;
  INSERT INTO meeting_cell_days (cell_id, day, due, on_schedule, attended, present, scored, good, overdue)
  SELECT cell_id, day, sum(due), sum(on_schedule), sum(attended), sum(present), sum(scored), sum(good), sum(overdue)
  FROM (
    -- regular meetings due, dated by their planned day; held in the planned month
    SELECT m.cell_id, m.planned_on AS day, 1 AS due,
      (m.status = 'held' AND date_trunc('month', m.held_on) = date_trunc('month', m.planned_on))::int AS on_schedule,
      0 AS attended, 0 AS present, 0 AS scored, 0 AS good, 0 AS overdue
    FROM cell_meetings m WHERE m.cell_id IN (SELECT unnest(cells)) AND m.kind = 'regular' AND m.status <> 'cancelled'
    UNION ALL
    -- held meetings, dated by their held day: attendance and score
    SELECT m.cell_id, m.held_on, 0, 0, a.n, a.present,
      (coalesce(m.review_total, m.self_total) IS NOT NULL)::int,
      coalesce(coalesce(m.review_total, m.self_total) >= (SELECT b.min_score FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.code = 'good'), false)::int,
      0
    FROM cell_meetings m
    CROSS JOIN LATERAL (SELECT count(*)::int AS n, count(*) FILTER (WHERE x.status = 'present')::int AS present FROM meeting_attendance x WHERE x.meeting_id = m.id) a
    WHERE m.cell_id IN (SELECT unnest(cells)) AND m.status = 'held'
    UNION ALL
    -- an item is overdue from the day after its due day until the day it is done (open: from then on)
    SELECT i.cell_id, i.due_on + 1, 0, 0, 0, 0, 0, 0, 1
    FROM meeting_action_items i WHERE i.cell_id IN (SELECT unnest(cells)) AND (i.status = 'open' OR (i.status = 'done' AND i.done_on > i.due_on + 1))
    UNION ALL
    SELECT i.cell_id, i.done_on, 0, 0, 0, 0, 0, 0, -1
    FROM meeting_action_items i WHERE i.cell_id IN (SELECT unnest(cells)) AND i.status = 'done' AND i.done_on > i.due_on + 1
  ) e
  GROUP BY cell_id, day;
END $$;
--> statement-breakpoint
CREATE FUNCTION meetings_figures_meetings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- a bulk load in one transaction (the demo) defers to one refresh of its cells at its end (SET LOCAL, never a session)
  IF current_setting('chibo.meetings_figures_deferred', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM chg_new));
  ELSIF TG_OP = 'DELETE' THEN PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM chg_old));
  ELSE PERFORM meetings_figures_refresh(ARRAY(SELECT cell_id FROM chg_new UNION SELECT cell_id FROM chg_old));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION meetings_figures_attendance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- a bulk load in one transaction (the demo) defers to one refresh of its cells at its end (SET LOCAL, never a session)
  IF current_setting('chibo.meetings_figures_deferred', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT m.cell_id FROM chg_new a JOIN cell_meetings m ON m.id = a.meeting_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT m.cell_id FROM chg_old a JOIN cell_meetings m ON m.id = a.meeting_id));
  ELSE
    PERFORM meetings_figures_refresh(ARRAY(SELECT m.cell_id FROM (SELECT meeting_id FROM chg_new UNION SELECT meeting_id FROM chg_old) a JOIN cell_meetings m ON m.id = a.meeting_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION meetings_figures_bands() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meetings_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM cell_meetings WHERE status = 'held'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER meetings_figures_ins AFTER INSERT ON cell_meetings REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_upd AFTER UPDATE ON cell_meetings REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_del AFTER DELETE ON cell_meetings REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_ins AFTER INSERT ON meeting_action_items REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_upd AFTER UPDATE ON meeting_action_items REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_del AFTER DELETE ON meeting_action_items REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_meetings();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_ins AFTER INSERT ON meeting_attendance REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_attendance();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_upd AFTER UPDATE ON meeting_attendance REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_attendance();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_del AFTER DELETE ON meeting_attendance REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_attendance();
--> statement-breakpoint
CREATE TRIGGER meetings_figures_bands AFTER INSERT OR UPDATE OR DELETE ON meeting_quality_bands FOR EACH STATEMENT EXECUTE FUNCTION meetings_figures_bands();
--> statement-breakpoint
SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings UNION SELECT cell_id FROM meeting_action_items));
