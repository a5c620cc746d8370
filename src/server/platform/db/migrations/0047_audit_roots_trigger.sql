-- The marks of the provinces (platform/audit/schema.ts, audit_roots): every statement that writes events to the trail
-- (the chain's deferred trigger, or the bulk COPY) moves by one the mark of each province and kind of write its
-- events reached, inside the chain's lock, so two writers never wait on a mark.
--
-- The kind (scope) is the action's first word (`meeting.hold` → `meeting`). The province is the first unit of the
-- event's path, or `*` when the event reaches across provinces — the tree's own changes (unit.*: a move or merge
-- re-paths cells everywhere below), a transfer, a case or warning re-homed with a merged cell, the demo, and any event
-- without a path. Events that only record a reading (a case viewed or printed, an article read, a sign-out) change no
-- data and move no mark (NULL).
CREATE FUNCTION audit_root_of(action text, unit_path text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN action ~ '\.(view|read|print|logout)$' THEN NULL
    WHEN unit_path IS NULL OR split_part(unit_path, '/', 2) = '' OR action LIKE 'unit.%' OR action LIKE 'demo.%'
         OR action IN ('person.transfer', 'supervision.case.rehome', 'warning.rehome') THEN '*'
    ELSE split_part(unit_path, '/', 2) END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_roots_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_roots (root, scope, mark)
  SELECT DISTINCT audit_root_of(n.action, n.unit_path), split_part(n.action, '.', 1), 1 FROM new_events n
  WHERE audit_root_of(n.action, n.unit_path) IS NOT NULL
  ON CONFLICT (root, scope) DO UPDATE SET mark = audit_roots.mark + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_roots_touch AFTER INSERT ON audit_events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_roots_touch();
