-- Custom SQL migration file, put your code below! ---- The contest's per-cell counts (contest_cell_stats), kept by the writes themselves so the dashboard's figures are one
-- indexed sum over the cells under a node (modules/contest/figures.ts; `raw` there counts the candidates plainly).
-- Deltas, not recounts: two registrations in one cell at once each add their own one, whatever their order.
CREATE FUNCTION contest_stats_add(rows_year integer, rows_cell uuid, d_candidates integer, d_tested integer, d_awarded integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO contest_cell_stats (year, cell_id, candidates, tested, awarded) VALUES (rows_year, rows_cell, d_candidates, d_tested, d_awarded)
  ON CONFLICT (year, cell_id) DO UPDATE SET candidates = contest_cell_stats.candidates + EXCLUDED.candidates,
    tested = contest_cell_stats.tested + EXCLUDED.tested, awarded = contest_cell_stats.awarded + EXCLUDED.awarded
$$;
--> statement-breakpoint
CREATE FUNCTION contest_candidates_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM contest_stats_add(k.year, n.cell_id, sum(CASE WHEN r.level = 'commune' THEN 1 ELSE 0 END)::int, 0, sum(CASE WHEN n.award IS NOT NULL THEN 1 ELSE 0 END)::int)
    FROM chg_new n JOIN contest_rounds r ON r.id = n.round_id JOIN contests k ON k.id = r.contest_id GROUP BY k.year, n.cell_id;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_new)));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM contest_stats_add(k.year, o.cell_id, -sum(CASE WHEN r.level = 'commune' THEN 1 ELSE 0 END)::int, 0, -sum(CASE WHEN o.award IS NOT NULL THEN 1 ELSE 0 END)::int)
    FROM chg_old o JOIN contest_rounds r ON r.id = o.round_id JOIN contests k ON k.id = r.contest_id GROUP BY k.year, o.cell_id;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_old)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION contest_attempts_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM contest_stats_add(k.year, c.cell_id, 0, count(*)::int, 0)
    FROM chg_new n JOIN contest_candidates c ON c.id = n.candidate_id JOIN contest_rounds r ON r.id = c.round_id JOIN contests k ON k.id = r.contest_id GROUP BY k.year, c.cell_id;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT c.cell_id FROM chg_new n JOIN contest_candidates c ON c.id = n.candidate_id)));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM contest_stats_add(k.year, c.cell_id, 0, -count(*)::int, 0)
    FROM chg_old o JOIN contest_candidates c ON c.id = o.candidate_id JOIN contest_rounds r ON r.id = c.round_id JOIN contests k ON k.id = r.contest_id GROUP BY k.year, c.cell_id;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT c.cell_id FROM chg_old o JOIN contest_candidates c ON c.id = o.candidate_id)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contest_stats_ins AFTER INSERT ON contest_candidates REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION contest_candidates_stats();
--> statement-breakpoint
CREATE TRIGGER contest_stats_upd AFTER UPDATE ON contest_candidates REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION contest_candidates_stats();
--> statement-breakpoint
CREATE TRIGGER contest_stats_del AFTER DELETE ON contest_candidates REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION contest_candidates_stats();
--> statement-breakpoint
CREATE TRIGGER contest_stats_ins AFTER INSERT ON contest_attempts REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION contest_attempts_stats();
--> statement-breakpoint
CREATE TRIGGER contest_stats_del AFTER DELETE ON contest_attempts REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION contest_attempts_stats();
