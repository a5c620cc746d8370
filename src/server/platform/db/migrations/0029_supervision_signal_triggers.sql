-- Supervision's early-warning view of each case (supervision_signal_cases, schema.ts): kept by statement-level
-- triggers on the cases and their history, in the writing statement, so the signals read indexed rows by the cells
-- under a branch on a day. The status on a day is the last step of the history on or before it ('received' before
-- any); statuses only move forward, so: pending until the first step to a status past verifying, unacknowledged until
-- the first step past received, counted as founded (or partly) from the later of the conclusion step and
-- concluded_on. The raw reading (signals.ts `rawCasesOn`) is the reference the ground-truth test compares with.
CREATE FUNCTION supervision_signal_refresh(ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM supervision_signal_cases s WHERE s.case_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM supervision_cases c WHERE c.id = s.case_id);
  INSERT INTO supervision_signal_cases (case_id, cell_id, received_on, pending_to, unacked_to, founded_from)
  SELECT c.id, c.cell_id, c.received_on, t.pending_to, t.unacked_to,
         CASE WHEN c.conclusion IN ('founded', 'partly_founded') AND c.concluded_on IS NOT NULL AND t.concluded_from IS NOT NULL THEN GREATEST(c.concluded_on, t.concluded_from) END
  FROM supervision_cases c
  CROSS JOIN LATERAL (
    SELECT min(x.on) FILTER (WHERE x.to_status NOT IN ('received', 'accepted', 'verifying')) AS pending_to,
           min(x.on) FILTER (WHERE x.to_status <> 'received') AS unacked_to,
           min(x.on) FILTER (WHERE x.to_status IN ('concluded', 'closed')) AS concluded_from
    FROM supervision_transitions x WHERE x.case_id = c.id) t
  WHERE c.id = ANY(ids)
  ON CONFLICT (case_id) DO UPDATE SET cell_id = EXCLUDED.cell_id, received_on = EXCLUDED.received_on, pending_to = EXCLUDED.pending_to,
    unacked_to = EXCLUDED.unacked_to, founded_from = EXCLUDED.founded_from;
$$;
--> statement-breakpoint
CREATE FUNCTION supervision_signal_cases_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'supervision_cases' THEN
    PERFORM supervision_signal_refresh(ARRAY(SELECT id FROM changed));
  ELSE
    PERFORM supervision_signal_refresh(ARRAY(SELECT DISTINCT case_id FROM changed));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER supervision_signal_cases_ins AFTER INSERT ON supervision_cases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_signal_cases_trigger();
--> statement-breakpoint
CREATE TRIGGER supervision_signal_cases_upd AFTER UPDATE ON supervision_cases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_signal_cases_trigger();
--> statement-breakpoint
CREATE TRIGGER supervision_signal_transitions_ins AFTER INSERT ON supervision_transitions REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_signal_cases_trigger();
--> statement-breakpoint
CREATE TRIGGER supervision_signal_transitions_upd AFTER UPDATE ON supervision_transitions REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_signal_cases_trigger();
--> statement-breakpoint
CREATE TRIGGER supervision_signal_transitions_del AFTER DELETE ON supervision_transitions REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_signal_cases_trigger();
--> statement-breakpoint
SELECT supervision_signal_refresh(coalesce(array_agg(id), '{}')) FROM supervision_cases;
