-- Documents: the per-cell counts by day the dashboard's figures read by index (document_cell_days), kept by
-- triggers on the dissemination rows and their deadline. A touched cell is recomputed whole from its rows,
-- serialized per bucket of cells by an advisory lock taken before reading (as meetings_figures_refresh).
CREATE FUNCTION documents_figures_refresh(cells uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cells IS NULL OR cardinality(cells) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(7312, b) FROM (SELECT DISTINCT hashtext(c::text) & 255 AS b FROM unnest(cells) c ORDER BY 1) s;
  -- the cells as a set (a hash join), not `= ANY(array)`: a rebuild passes thousands of cells
  DELETE FROM document_cell_days d USING (SELECT DISTINCT unnest(cells) AS id) c WHERE d.cell_id = c.id;
  INSERT INTO document_cell_days (cell_id, day, due, on_time, late)
  SELECT cell_id, day, sum(due), sum(on_time), sum(late)
  FROM (
    -- due at the deadline; on time when studied by it
    SELECT dc.cell_id, d.deadline AS day, 1 AS due, coalesce(dc.studied_on <= d.deadline, false)::int AS on_time, 0 AS late
    FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id WHERE dc.cell_id IN (SELECT unnest(cells))
    UNION ALL
    -- late from the day after the deadline until the day it was studied (not studied: from then on)
    SELECT dc.cell_id, d.deadline + 1, 0, 0, 1
    FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id
    WHERE dc.cell_id IN (SELECT unnest(cells)) AND (dc.studied_on IS NULL OR dc.studied_on > d.deadline + 1)
    UNION ALL
    SELECT dc.cell_id, dc.studied_on, 0, 0, -1
    FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id
    WHERE dc.cell_id IN (SELECT unnest(cells)) AND dc.studied_on > d.deadline + 1
  ) e
  GROUP BY cell_id, day;
END $$;
--> statement-breakpoint
CREATE FUNCTION documents_figures_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM documents_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM chg_new));
  ELSIF TG_OP = 'DELETE' THEN PERFORM documents_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM chg_old));
  ELSE PERFORM documents_figures_refresh(ARRAY(SELECT cell_id FROM chg_new UNION SELECT cell_id FROM chg_old));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION documents_figures_deadline() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE cells uuid[];
BEGIN
  cells := ARRAY(SELECT DISTINCT dc.cell_id FROM document_dissemination_cells dc
    WHERE dc.dissemination_id IN (SELECT n.id FROM chg_new n JOIN chg_old o ON o.id = n.id WHERE n.deadline IS DISTINCT FROM o.deadline));
  PERFORM documents_figures_refresh(cells);
  IF cardinality(cells) > 0 THEN PERFORM chibo_notify('figures', chibo_cell_paths(cells)); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_figures_ins AFTER INSERT ON document_dissemination_cells REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION documents_figures_cells();
--> statement-breakpoint
CREATE TRIGGER documents_figures_upd AFTER UPDATE ON document_dissemination_cells REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION documents_figures_cells();
--> statement-breakpoint
CREATE TRIGGER documents_figures_del AFTER DELETE ON document_dissemination_cells REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION documents_figures_cells();
--> statement-breakpoint
CREATE TRIGGER documents_figures_deadline AFTER UPDATE ON document_disseminations REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION documents_figures_deadline();
--> statement-breakpoint
SELECT documents_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM document_dissemination_cells));
