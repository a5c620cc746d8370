-- Rules the database itself guarantees, whatever the code path: dated intervals are well-formed and never
-- overlap where the Party's rules say one at a time.
ALTER TABLE org_unit_versions ADD CONSTRAINT org_unit_versions_interval CHECK (valid_to IS NULL OR valid_to > valid_from);
--> statement-breakpoint
ALTER TABLE org_unit_versions ADD CONSTRAINT org_unit_versions_no_overlap
  EXCLUDE USING gist (unit_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&);
--> statement-breakpoint
ALTER TABLE memberships ADD CONSTRAINT memberships_interval CHECK (valid_to IS NULL OR valid_to > valid_from);
--> statement-breakpoint
-- A person holds one cell membership at a time.
ALTER TABLE memberships ADD CONSTRAINT memberships_one_at_a_time
  EXCLUDE USING gist (person_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&);
--> statement-breakpoint
ALTER TABLE position_terms ADD CONSTRAINT position_terms_interval CHECK (valid_to IS NULL OR valid_to > valid_from);
--> statement-breakpoint
-- One secretary per cell at a time.
ALTER TABLE position_terms ADD CONSTRAINT position_terms_one_secretary
  EXCLUDE USING gist (unit_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&) WHERE (position = 'secretary');
--> statement-breakpoint
ALTER TABLE people ADD CONSTRAINT people_official_after_joining CHECK (official_on IS NULL OR official_on >= joined_on);
--> statement-breakpoint
ALTER TABLE people ADD CONSTRAINT people_cccd_format CHECK (cccd IS NULL OR cccd ~ '^[0-9]{12}$');
--> statement-breakpoint
-- The audit trail is append-only for the application role's ordinary statements.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
