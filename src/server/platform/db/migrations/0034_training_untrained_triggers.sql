-- Training: the untrained secretaries of each cell over time (training_untrained_segments), for the dashboard's
-- "untrained secretaries" figure: a secretary term in force whose person passed no course in the five years up to
-- the day. Recomputed per cell, set-based, when the cell's secretary terms or its secretaries' results change; the
-- change points are the terms' bounds and each pass's date, five years later, and the day after (29 February).
-- These triggers read position_terms (people's) the way the dashboard's figure triggers do: only the database's
-- functions name it, the code asks people's SQL pieces.
CREATE FUNCTION training_untrained_refresh(cells uuid[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM training_untrained_segments WHERE cell_id = ANY(cells);
  WITH terms AS (
    SELECT pt.unit_id AS cell_id, pt.person_id, pt.valid_from, pt.valid_to FROM position_terms pt
    WHERE pt.position = 'secretary' AND pt.unit_id = ANY(cells) AND (pt.valid_to IS NULL OR pt.valid_to > pt.valid_from)),
  passes AS (
    SELECT DISTINCT e.person_id, e.completed_on FROM training_enrolments e
    WHERE e.result = 'passed' AND e.completed_on IS NOT NULL AND e.person_id IN (SELECT person_id FROM terms)),
  pts AS (
    SELECT cell_id, valid_from AS d FROM terms
    UNION SELECT cell_id, valid_to FROM terms WHERE valid_to IS NOT NULL
    UNION SELECT t.cell_id, p.completed_on FROM terms t JOIN passes p USING (person_id)
    UNION SELECT t.cell_id, (p.completed_on + interval '5 years')::date FROM terms t JOIN passes p USING (person_id)
    UNION SELECT t.cell_id, (p.completed_on + interval '5 years' + interval '1 day')::date FROM terms t JOIN passes p USING (person_id)),
  -- By index per point: the cell's secretary terms (position_terms_unit_idx), each person's passes (training_enrolments_person_idx).
  vals AS (
    SELECT pts.cell_id, pts.d,
      (SELECT count(*) FROM position_terms t
        WHERE t.unit_id = pts.cell_id AND t.position = 'secretary' AND t.valid_from <= pts.d AND (t.valid_to IS NULL OR t.valid_to > pts.d)
          AND NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.person_id = t.person_id AND e.result = 'passed'
            AND e.completed_on <= pts.d AND e.completed_on > (pts.d - interval '5 years')::date))::int AS n
    FROM pts),
  seg AS (SELECT cell_id, d AS valid_from, lead(d) OVER (PARTITION BY cell_id ORDER BY d) AS valid_to, n FROM vals)
  INSERT INTO training_untrained_segments (cell_id, valid_from, valid_to, untrained)
  SELECT cell_id, valid_from, valid_to, n FROM seg WHERE n > 0;
$$;
--> statement-breakpoint
CREATE FUNCTION training_untrained_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE cells uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN cells := ARRAY(SELECT DISTINCT unit_id FROM chg_new);
  ELSIF TG_OP = 'DELETE' THEN cells := ARRAY(SELECT DISTINCT unit_id FROM chg_old);
  ELSE cells := ARRAY(SELECT unit_id FROM chg_new UNION SELECT unit_id FROM chg_old);
  END IF;
  IF cardinality(cells) > 0 THEN
    PERFORM training_untrained_refresh(cells);
    PERFORM chibo_notify('figures', chibo_cell_paths(cells));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_untrained_terms_ins AFTER INSERT ON position_terms REFERENCING NEW TABLE AS chg_new
  FOR EACH STATEMENT EXECUTE FUNCTION training_untrained_terms();
--> statement-breakpoint
CREATE TRIGGER training_untrained_terms_upd AFTER UPDATE ON position_terms REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new
  FOR EACH STATEMENT EXECUTE FUNCTION training_untrained_terms();
--> statement-breakpoint
CREATE TRIGGER training_untrained_terms_del AFTER DELETE ON position_terms REFERENCING OLD TABLE AS chg_old
  FOR EACH STATEMENT EXECUTE FUNCTION training_untrained_terms();
--> statement-breakpoint
-- A result that becomes or stops being a pass: the cells where that person ever was secretary.
CREATE FUNCTION training_untrained_results() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE cells uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    cells := ARRAY(SELECT DISTINCT pt.unit_id FROM position_terms pt
      WHERE pt.position = 'secretary' AND pt.person_id IN (SELECT person_id FROM chg_new WHERE result = 'passed'));
  ELSE
    cells := ARRAY(SELECT DISTINCT pt.unit_id FROM position_terms pt
      WHERE pt.position = 'secretary' AND pt.person_id IN (
        SELECT n.person_id FROM chg_new n JOIN chg_old o ON o.id = n.id
        WHERE (n.result = 'passed' OR o.result = 'passed') AND (n.result IS DISTINCT FROM o.result OR n.completed_on IS DISTINCT FROM o.completed_on)));
  END IF;
  IF cardinality(cells) > 0 THEN
    PERFORM training_untrained_refresh(cells);
    PERFORM chibo_notify('figures', chibo_cell_paths(cells));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_untrained_results_ins AFTER INSERT ON training_enrolments REFERENCING NEW TABLE AS chg_new
  FOR EACH STATEMENT EXECUTE FUNCTION training_untrained_results();
--> statement-breakpoint
CREATE TRIGGER training_untrained_results_upd AFTER UPDATE ON training_enrolments REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new
  FOR EACH STATEMENT EXECUTE FUNCTION training_untrained_results();
--> statement-breakpoint
-- What is already there.
SELECT training_untrained_refresh(ARRAY(SELECT DISTINCT unit_id FROM position_terms WHERE position = 'secretary'));
