-- Audit events join the hash chain at commit (platform/audit/audit.ts, decision 0003). A write stages its events
-- here without any lock; a deferred trigger moves each into audit_events while the transaction commits, under the
-- chain lock. Before, the writer took the lock, read the chain's tail and inserted in three round trips and then
-- sent COMMIT: on a busy server each of those waited its turn in Node's event loop with the lock held, and every
-- other audited write queued behind it ("idle in transaction" holding the lock; docs/benchmarks.md, "Load").
-- Now the lock is held only inside PostgreSQL, for the commit itself.
-- Node builds each event's canonical text (the hash is over exactly what verifyAuditChain rebuilds) in three parts
-- around the two fields that depend on the chain's tail: head + JSON(prev_hash) + mid + seq + tail.
CREATE UNLOGGED TABLE "audit_staged" (
	"id" bigserial PRIMARY KEY,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"unit_path" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"head" text NOT NULL,
	"mid" text NOT NULL,
	"tail" text NOT NULL
);
--> statement-breakpoint
-- Each statement of the function takes a new snapshot (READ COMMITTED), so the tail is read after the lock: the
-- previous holder's commit is visible. Deferred events fire in the order they were queued: the order of staging.
CREATE FUNCTION audit_chain_staged() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(7202511);
  SELECT seq, hash INTO last_seq, prev FROM audit_events ORDER BY seq DESC LIMIT 1;
  last_seq := coalesce(last_seq, 0) + 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_events (seq, at, actor_user_id, actor_name, action, entity_type, entity_id, unit_path, before, after, request_id, prev_hash, hash)
  VALUES (last_seq, NEW.at, NEW.actor_user_id, NEW.actor_name, NEW.action, NEW.entity_type, NEW.entity_id, NEW.unit_path, NEW.before, NEW.after,
          NEW.request_id, prev, encode(sha256(convert_to(NEW.head || to_json(prev)::text || NEW.mid || last_seq::text || NEW.tail, 'UTF8')), 'hex'));
  DELETE FROM audit_staged WHERE id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_chain_staged AFTER INSERT ON audit_staged
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_staged();
