CREATE TABLE "document_cell_days" (
	"cell_id" uuid NOT NULL,
	"day" date NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_cell_days_cell_id_day_pk" PRIMARY KEY("cell_id","day")
);
--> statement-breakpoint
CREATE TABLE "meeting_cell_days" (
	"cell_id" uuid NOT NULL,
	"day" date NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"on_schedule" integer DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	"good" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "meeting_cell_days_cell_id_day_pk" PRIMARY KEY("cell_id","day")
);
