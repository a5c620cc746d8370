-- Custom SQL migration file, put your code below! --
-- One order for the two locks taken at commit: the audit chain's (7202511, 0010) before the figures refresh's
-- (5300510400, 0008). The refresh fired first when a transaction marked figures before staging its audit event,
-- and then waited for the chain, while the roster import (which holds the chain's lock from its first batch,
-- recordAuditByCopy) waited for the refresh at its own commit: a deadlock, and PostgreSQL killed one of them.
-- Taking the chain's lock first in the refresh means whoever holds the refresh's lock already holds the chain's.
-- Advisory transaction locks stack, so the chain's trigger taking it again later costs nothing.
CREATE OR REPLACE FUNCTION figures_flush() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  PERFORM pg_advisory_xact_lock(7202511);
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
