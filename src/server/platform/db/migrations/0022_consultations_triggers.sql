-- Consultations (modules/consultations): the consensus thresholds as data, and the per-consultation stats row the
-- dashboard sums (figures.ts), kept current by triggers on the consultation, its answers and its room tally, so the
-- dashboard reads one indexed statement instead of the answers. Every change sends figures:<paths> at commit.
INSERT INTO consultation_consensus_levels (code, min_share) VALUES ('consensus', 75), ('majority', 50), ('none', 0);
--> statement-breakpoint
CREATE FUNCTION consultation_refresh_stats(cid uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  c consultations%ROWTYPE;
  total int;
  top int;
  second int;
  threshold numeric;
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
  INSERT INTO consultation_stats (consultation_id, unit_id, closes_on, eligible, participants, consensus)
  VALUES (cid, c.unit_id, c.closes_on, c.eligible_members + c.households, total,
          total > 0 AND top > second AND 100.0 * top / total >= coalesce(threshold, 75))
  ON CONFLICT (consultation_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, closes_on = EXCLUDED.closes_on, eligible = EXCLUDED.eligible,
    participants = EXCLUDED.participants, consensus = EXCLUDED.consensus;
  PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY[c.unit_id]));
END $$;
--> statement-breakpoint
CREATE FUNCTION consultation_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'consultations' THEN
    PERFORM consultation_refresh_stats(coalesce(NEW.id, OLD.id));
  ELSE
    IF TG_OP <> 'DELETE' THEN PERFORM consultation_refresh_stats(NEW.consultation_id); END IF;
    IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.consultation_id <> NEW.consultation_id) THEN PERFORM consultation_refresh_stats(OLD.consultation_id); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER consultations_stats AFTER INSERT OR UPDATE OF unit_id, closes_on, eligible_members, households ON consultations
  FOR EACH ROW EXECUTE FUNCTION consultation_changed();
--> statement-breakpoint
CREATE TRIGGER consultation_options_stats AFTER INSERT OR DELETE ON consultation_options
  FOR EACH ROW EXECUTE FUNCTION consultation_changed();
--> statement-breakpoint
CREATE TRIGGER consultation_answers_stats AFTER INSERT OR UPDATE OR DELETE ON consultation_answers
  FOR EACH ROW EXECUTE FUNCTION consultation_changed();
--> statement-breakpoint
CREATE TRIGGER consultation_tally_counts_stats AFTER INSERT OR UPDATE OR DELETE ON consultation_tally_counts
  FOR EACH ROW EXECUTE FUNCTION consultation_changed();
