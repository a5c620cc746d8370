-- The change feed (platform/cache): every commit that changes what a cached answer was built from sends one
-- notification on channel chibo_changes, '<kind>:<items>'. PostgreSQL delivers notifications at commit, in commit
-- order, to every chibo process listening; a rolled-back transaction sends none.
--   auth:<user ids>        a session ended, a user changed, a grant was given or taken
--   people:<cell paths>    a member record, membership, position or post of these cells changed
--   figures:<cell paths>   the figures of these cells (and so of their ancestors) were refreshed
--   all:*                  the tree changed (paths, names, grants' units): everything cached is dropped
-- Items are cut to '*' when the list would pass the payload limit (8000 bytes).
CREATE FUNCTION chibo_notify(kind text, items text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE body text;
BEGIN
  IF items IS NULL OR cardinality(items) = 0 THEN RETURN; END IF;
  body := array_to_string(items, ',');
  IF length(body) > 7000 THEN body := '*'; END IF;
  PERFORM pg_notify('chibo_changes', kind || ':' || body);
END $$;
--> statement-breakpoint
-- Every path a cell has had: an answer cached for a past date was keyed by the path of that date.
CREATE FUNCTION chibo_cell_paths(cell_ids uuid[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT v.path), '{}') FROM org_unit_versions v WHERE v.unit_id = ANY(cell_ids)
$$;
--> statement-breakpoint
-- The cells a person is or was a member of (the member list places a former member by the last one).
CREATE FUNCTION chibo_person_cells(person_ids uuid[]) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT m.unit_id), '{}') FROM memberships m WHERE m.person_id = ANY(person_ids)
$$;
--> statement-breakpoint
CREATE FUNCTION chibo_changed_units() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM chibo_notify('people', chibo_cell_paths(ARRAY(SELECT DISTINCT unit_id FROM chg_new))); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM chibo_notify('people', chibo_cell_paths(ARRAY(SELECT DISTINCT unit_id FROM chg_old))); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION chibo_changed_people() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM chibo_notify('people', chibo_cell_paths(chibo_person_cells(ARRAY(SELECT DISTINCT person_id FROM chg_new)))); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM chibo_notify('people', chibo_cell_paths(chibo_person_cells(ARRAY(SELECT DISTINCT person_id FROM chg_old)))); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- people rows themselves: an update reaches the cells of the person; a deleted person's memberships are gone
-- with it, so a delete drops every cached list.
CREATE FUNCTION chibo_changed_person_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM chibo_notify('people', ARRAY['*']);
  ELSE
    PERFORM chibo_notify('people', chibo_cell_paths(chibo_person_cells(ARRAY(SELECT id FROM chg_new))));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION chibo_changed_users() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM chibo_notify('auth', ARRAY(SELECT DISTINCT (to_jsonb(n) ->> TG_ARGV[0]) FROM chg_new n)); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM chibo_notify('auth', ARRAY(SELECT DISTINCT (to_jsonb(o) ->> TG_ARGV[0]) FROM chg_old o)); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION chibo_changed_tree() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chibo_changes', 'all:*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON memberships REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_units();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON memberships REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_units();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON memberships REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_units();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON position_terms REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_units();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON position_terms REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_units();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON position_terms REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_units();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON concurrent_posts REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_people();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON concurrent_posts REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_people();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON concurrent_posts REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_people();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON people REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_person_rows();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON people FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_person_rows();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON users REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_users('id');
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON users REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_users('id');
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON role_grants REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_users('user_id');
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON role_grants REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_users('user_id');
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON role_grants REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_users('user_id');
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON sessions REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_users('user_id');
--> statement-breakpoint
-- A session's touch (last_seen_at moving forward) is not a change: a cached session is re-read once a minute
-- anyway. Anything else (an earlier last_seen_at, a new lifetime, another token) is.
CREATE FUNCTION chibo_changed_session() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM chibo_notify('auth', ARRAY[OLD.user_id::text, NEW.user_id::text]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (NEW.last_seen_at < OLD.last_seen_at OR (NEW.expires_at, NEW.user_id, NEW.csrf_token) IS DISTINCT FROM (OLD.expires_at, OLD.user_id, OLD.csrf_token))
  EXECUTE FUNCTION chibo_changed_session();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_all AFTER INSERT OR UPDATE OR DELETE ON org_unit_versions FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_tree();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_all AFTER INSERT OR UPDATE OR DELETE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_tree();
--> statement-breakpoint
-- The figures refresh at commit (0008) now also says which cells it refreshed.
CREATE OR REPLACE FUNCTION figures_flush() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  -- One refresh at a time: the next statements read the registry as committed by whoever refreshed before us
  -- (READ COMMITTED takes a new snapshot per statement), so concurrent writers cannot leave stale totals.
  PERFORM pg_advisory_xact_lock(5300510400);
  DELETE FROM figures_pending WHERE txid = NEW.txid;
  WITH d AS (DELETE FROM figures_dirty WHERE txid = NEW.txid RETURNING cell_id) SELECT array_agg(cell_id) INTO ids FROM d;
  IF ids IS NOT NULL THEN
    PERFORM figures_refresh(ids);
    PERFORM chibo_notify('figures', chibo_cell_paths(ids));
  END IF;
  RETURN NULL;
END $$;
