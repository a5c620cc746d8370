CREATE TABLE "meeting_node_days" (
	"node_id" uuid NOT NULL,
	"day" date NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"on_schedule" integer DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	"good" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"band1" integer DEFAULT 0 NOT NULL,
	"band2" integer DEFAULT 0 NOT NULL,
	"band3" integer DEFAULT 0 NOT NULL,
	"band4" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "meeting_node_days_node_id_day_pk" PRIMARY KEY("node_id","day")
);
--> statement-breakpoint
ALTER TABLE "meeting_cell_days" ADD COLUMN "path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_cell_days" DROP CONSTRAINT "meeting_cell_days_cell_id_day_pk";--> statement-breakpoint
ALTER TABLE "meeting_cell_days" ADD CONSTRAINT "meeting_cell_days_cell_id_day_path_pk" PRIMARY KEY("cell_id","day","path");--> statement-breakpoint
ALTER TABLE "meeting_cell_days" ADD COLUMN "band1" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_cell_days" ADD COLUMN "band2" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_cell_days" ADD COLUMN "band3" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_cell_days" ADD COLUMN "band4" integer DEFAULT 0 NOT NULL;