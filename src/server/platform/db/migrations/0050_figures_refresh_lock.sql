-- Custom SQL migration file, put your code below! --
-- figures_refresh takes the commit-time flush's locks itself, so every caller serializes with the flush. A bulk
-- caller (the demo seed, the national loader) called it directly without them: a write committing meanwhile refreshed
-- the same cells beside it, deleted the old segments behind the loader's delete and inserted its own over the
-- loader's new ones — 23505 on cell_figure_segments (seen on the national database; figures-refresh-lock.test.ts).
-- The locks are taken in the flush's order (0024): the audit chain's (7202511) before the refresh's (5300510400), so a
-- bulk caller that stages audit events after its refresh cannot wait in a circle with a committing write. Advisory
-- transaction locks stack: the flush, which already holds both, takes them again for nothing. The body is unchanged
-- (0008): renamed, and called by the new function of the old name, which every caller uses.
ALTER FUNCTION figures_refresh(uuid[]) RENAME TO figures_refresh_unlocked;
--> statement-breakpoint
CREATE FUNCTION figures_refresh(cell_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7202511);
  PERFORM pg_advisory_xact_lock(5300510400);
  PERFORM figures_refresh_unlocked(cell_ids);
END $$;
