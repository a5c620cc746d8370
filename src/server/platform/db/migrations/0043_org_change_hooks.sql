-- Custom SQL migration file, put your code below! --
-- org's hook for what other modules keep per cell and must redo when the tree changes (a dated move, a merge, a
-- commune moved): org's own triggers on org_unit_versions call every function named `<module>_on_org_units_changed`
-- with the units the statement inserted, updated or deleted (their ids, new and old rows together), in name order,
-- in the statement's own trigger (before commit, so a hook that takes an advisory lock takes it before the audit
-- chain's at commit: decision 0003's order). A module adds a hook by defining such a function in its own migration —
-- so org's table has its triggers in org's SQL only (meetings' refresh was started by a trigger of its own on
-- org_unit_versions before).
CREATE FUNCTION org_units_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  hook regproc;
BEGIN
  IF TG_OP = 'INSERT' THEN ids := ARRAY(SELECT DISTINCT unit_id FROM org_chg_new);
  ELSIF TG_OP = 'DELETE' THEN ids := ARRAY(SELECT DISTINCT unit_id FROM org_chg_old);
  ELSE ids := ARRAY(SELECT unit_id FROM org_chg_new UNION SELECT unit_id FROM org_chg_old);
  END IF;
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  FOR hook IN
    SELECT p.oid::regproc FROM pg_proc p
    WHERE p.proname LIKE '%\_on\_org\_units\_changed' AND p.pronargs = 1 AND p.proargtypes[0] = 'uuid[]'::regtype
      AND pg_function_is_visible(p.oid)
    ORDER BY p.proname
  LOOP
    EXECUTE format('SELECT %s($1)', hook) USING ids;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER org_units_changed_ins AFTER INSERT ON org_unit_versions REFERENCING NEW TABLE AS org_chg_new FOR EACH STATEMENT EXECUTE FUNCTION org_units_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_changed_upd AFTER UPDATE ON org_unit_versions REFERENCING OLD TABLE AS org_chg_old NEW TABLE AS org_chg_new FOR EACH STATEMENT EXECUTE FUNCTION org_units_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_changed_del AFTER DELETE ON org_unit_versions REFERENCING OLD TABLE AS org_chg_old FOR EACH STATEMENT EXECUTE FUNCTION org_units_changed();
