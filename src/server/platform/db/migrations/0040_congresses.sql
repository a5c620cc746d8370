CREATE TABLE "cell_congresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cell_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"term_from" integer NOT NULL,
	"term_to" integer NOT NULL,
	"secretary_id" uuid NOT NULL,
	"deputy_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cell_congresses_term_order" CHECK ("cell_congresses"."term_to" > "cell_congresses"."term_from"),
	CONSTRAINT "cell_congresses_two_people" CHECK ("cell_congresses"."deputy_id" IS NULL OR "cell_congresses"."deputy_id" <> "cell_congresses"."secretary_id")
);
--> statement-breakpoint
ALTER TABLE "cell_congresses" ADD CONSTRAINT "cell_congresses_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_congresses" ADD CONSTRAINT "cell_congresses_secretary_id_people_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_congresses" ADD CONSTRAINT "cell_congresses_deputy_id_people_id_fk" FOREIGN KEY ("deputy_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cell_congresses_cell_day_key" ON "cell_congresses" USING btree ("cell_id","held_on");--> statement-breakpoint
CREATE INDEX "cell_congresses_held_idx" ON "cell_congresses" USING btree ("held_on");