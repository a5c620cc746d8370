-- Custom SQL migration file, put your code below! --
-- org's change hooks found without a catalog read (the review of 6 Dec 2026). 0043's trigger looked the
-- `%_on_org_units_changed` functions up in pg_proc on every statement that changed org_unit_versions and called each
-- through EXECUTE. Now a module registers its hook once, from its own migration:
--   SELECT org_register_change_hook('<module>_on_org_units_changed');
-- which keeps it in org_change_hooks (0046) and rebuilds org_units_changed_hooks(uuid[]): one PL/pgSQL function that
-- calls each registered hook by name, in name order (as before), planned once per session. Org still names no module:
-- the calls are written into that function by the registrations. A hook defined but not registered is not called:
-- org/change-hooks.test.ts fails on one.

-- The function that calls every registered hook, written again from org_change_hooks.
CREATE FUNCTION org_change_hooks_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  calls text;
BEGIN
  SELECT string_agg(format('PERFORM %s(units);', to_regprocedure(h.hook || '(uuid[])')::regproc), E'\n  ' ORDER BY h.hook) INTO calls
  FROM org_change_hooks h;
  EXECUTE format('CREATE OR REPLACE FUNCTION org_units_changed_hooks(units uuid[]) RETURNS void LANGUAGE plpgsql AS %L',
    format(E'BEGIN\n  %s\nEND', coalesce(calls, 'NULL;')));
END $$;
--> statement-breakpoint
-- A module's hook: `hook(units uuid[])` must exist (it is called with the units a statement inserted, updated or
-- deleted, in that statement's trigger). Registering one twice is harmless.
CREATE FUNCTION org_register_change_hook(hook text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF to_regprocedure(hook || '(uuid[])') IS NULL THEN
    RAISE EXCEPTION 'org change hook %(uuid[]) does not exist', hook;
  END IF;
  INSERT INTO org_change_hooks (hook) VALUES (hook) ON CONFLICT DO NOTHING;
  PERFORM org_change_hooks_rebuild();
END $$;
--> statement-breakpoint
-- Before a module drops its hook function.
CREATE FUNCTION org_unregister_change_hook(hook text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM org_change_hooks h WHERE h.hook = org_unregister_change_hook.hook;
  PERFORM org_change_hooks_rebuild();
END $$;
--> statement-breakpoint
SELECT org_change_hooks_rebuild();
--> statement-breakpoint
-- The hooks made by 0043's convention before this migration (meetings' today), registered once, by their names.
SELECT org_register_change_hook(p.proname::text) FROM pg_proc p
WHERE p.proname LIKE '%\_on\_org\_units\_changed' AND p.pronargs = 1 AND p.proargtypes[0] = 'uuid[]'::regtype
  AND pg_function_is_visible(p.oid)
ORDER BY p.proname;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION org_units_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN ids := ARRAY(SELECT DISTINCT unit_id FROM org_chg_new);
  ELSIF TG_OP = 'DELETE' THEN ids := ARRAY(SELECT DISTINCT unit_id FROM org_chg_old);
  ELSE ids := ARRAY(SELECT unit_id FROM org_chg_new UNION SELECT unit_id FROM org_chg_old);
  END IF;
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  PERFORM org_units_changed_hooks(ids);
  RETURN NULL;
END $$;
