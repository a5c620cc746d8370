-- supervision (issue 17): dated moves for the cases that merges moved before supervision_case_moves existed
-- (migration 0039). Each such merge wrote one `supervision.case.rehome` audit event per case it moved, with the old
-- cell (before.cellId), the successor (after.cellId) and the merge's day (after.on); a move of a cell to another
-- commune wrote the event without cell ids (the case's cell did not change) and is not a move here. The function
-- inserts the move each event describes when the case and both cells still exist, and leaves a move already recorded
-- (same case and day) as it is, so it can run again at no harm. Founded cases of merged cells were not moved by those
-- merges (the rule came with 0039), so they have no event to rebuild from and stay under their own cell.
CREATE OR REPLACE FUNCTION supervision_backfill_case_moves() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  INSERT INTO supervision_case_moves (case_id, moved_on, from_cell, to_cell)
  SELECT DISTINCT ON (c.id, (e.after->>'on')::date) c.id, (e.after->>'on')::date, f.id, t.id
  FROM audit_events e
  JOIN supervision_cases c ON c.id::text = e.entity_id
  JOIN org_units f ON f.id::text = e.before->>'cellId'
  JOIN org_units t ON t.id::text = e.after->>'cellId'
  WHERE e.action = 'supervision.case.rehome' AND e.entity_type = 'supervision_case'
    AND e.after->>'on' ~ '^\d{4}-\d{2}-\d{2}$' AND f.id <> t.id
  ORDER BY c.id, (e.after->>'on')::date, e.seq DESC
  ON CONFLICT (case_id, moved_on) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
SELECT supervision_backfill_case_moves();
