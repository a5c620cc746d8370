CREATE TABLE "cell_figure_segments" (
	"cell_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"path" text NOT NULL,
	"cells" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"full_members" integer DEFAULT 0 NOT NULL,
	"cells_under_minimum" integer DEFAULT 0 NOT NULL,
	"cells_without_secretary" integer DEFAULT 0 NOT NULL,
	"secretaries" integer DEFAULT 0 NOT NULL,
	"university" integer DEFAULT 0 NOT NULL,
	"theory" integer DEFAULT 0 NOT NULL,
	"village_head" integer DEFAULT 0 NOT NULL,
	"laptop" integer DEFAULT 0 NOT NULL,
	"birth_sum" bigint DEFAULT 0 NOT NULL,
	"band_under35" integer DEFAULT 0 NOT NULL,
	"band_from35to45" integer DEFAULT 0 NOT NULL,
	"band_from46to60" integer DEFAULT 0 NOT NULL,
	"band_over60" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cell_figure_segments_cell_id_valid_from_pk" PRIMARY KEY("cell_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "figures_dirty" (
	"txid" bigint NOT NULL,
	"cell_id" uuid NOT NULL,
	CONSTRAINT "figures_dirty_txid_cell_id_pk" PRIMARY KEY("txid","cell_id")
);
--> statement-breakpoint
CREATE TABLE "figures_pending" (
	"txid" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_figures" (
	"node_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"cells" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"full_members" integer DEFAULT 0 NOT NULL,
	"cells_under_minimum" integer DEFAULT 0 NOT NULL,
	"cells_without_secretary" integer DEFAULT 0 NOT NULL,
	"secretaries" integer DEFAULT 0 NOT NULL,
	"university" integer DEFAULT 0 NOT NULL,
	"theory" integer DEFAULT 0 NOT NULL,
	"village_head" integer DEFAULT 0 NOT NULL,
	"laptop" integer DEFAULT 0 NOT NULL,
	"birth_sum" bigint DEFAULT 0 NOT NULL,
	"band_under35" integer DEFAULT 0 NOT NULL,
	"band_from35to45" integer DEFAULT 0 NOT NULL,
	"band_from46to60" integer DEFAULT 0 NOT NULL,
	"band_over60" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "node_figures_node_id_valid_from_pk" PRIMARY KEY("node_id","valid_from")
);
