-- Consultations (modules/consultations): the minimum turnout. One settings row (0: no minimum); the stats row's
-- "consensus" now also needs the turnout (answers over eligible) to reach it; and whenever the thresholds change
-- (consensus levels or the minimum turnout), every stats row is computed again in the same transaction, so the
-- dashboard's figure never reads a consensus by the old thresholds.
INSERT INTO consultation_settings (id, min_turnout) VALUES (true, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION consultation_refresh_stats(cid uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  c consultations%ROWTYPE;
  total int;
  top int;
  second int;
  threshold numeric;
  turnout numeric;
BEGIN
  SELECT * INTO c FROM consultations WHERE id = cid;
  IF NOT FOUND THEN
    DELETE FROM consultation_stats WHERE consultation_id = cid;
    RETURN;
  END IF;
  WITH per_option AS (
    SELECT o.id,
      (SELECT count(*) FROM consultation_answers a WHERE a.consultation_id = cid AND a.option_id = o.id)
      + coalesce((SELECT t.count FROM consultation_tally_counts t WHERE t.consultation_id = cid AND t.option_id = o.id), 0) AS n
    FROM consultation_options o WHERE o.consultation_id = cid
  ), ranked AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS r FROM per_option)
  SELECT coalesce(sum(n), 0), coalesce(max(n) FILTER (WHERE r = 1), 0), coalesce(max(n) FILTER (WHERE r = 2), 0)
    INTO total, top, second FROM ranked;
  SELECT min_share INTO threshold FROM consultation_consensus_levels WHERE code = 'consensus';
  SELECT min_turnout INTO turnout FROM consultation_settings WHERE id;
  turnout := coalesce(turnout, 0);
  INSERT INTO consultation_stats (consultation_id, unit_id, closes_on, eligible, participants, consensus)
  VALUES (cid, c.unit_id, c.closes_on, c.eligible_members + c.households, total,
          total > 0 AND top > second AND 100.0 * top / total >= coalesce(threshold, 75)
          AND (turnout = 0 OR (c.eligible_members + c.households > 0 AND 100.0 * total >= turnout * (c.eligible_members + c.households))))
  ON CONFLICT (consultation_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, closes_on = EXCLUDED.closes_on, eligible = EXCLUDED.eligible,
    participants = EXCLUDED.participants, consensus = EXCLUDED.consensus;
  PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY[c.unit_id]));
END $$;
--> statement-breakpoint
CREATE FUNCTION consultation_thresholds_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM consultation_refresh_stats(id) FROM consultations;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER consultation_levels_restat AFTER INSERT OR UPDATE OR DELETE ON consultation_consensus_levels
  FOR EACH STATEMENT EXECUTE FUNCTION consultation_thresholds_changed();
--> statement-breakpoint
CREATE TRIGGER consultation_settings_restat AFTER INSERT OR UPDATE OR DELETE ON consultation_settings
  FOR EACH STATEMENT EXECUTE FUNCTION consultation_thresholds_changed();
