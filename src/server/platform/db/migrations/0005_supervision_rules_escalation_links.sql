CREATE TABLE "supervision_rules" (
	"key" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD COLUMN "reporter_person_id" uuid;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD COLUMN "escalated_on" date;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD COLUMN "escalated_to_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD COLUMN "matter_id" uuid;--> statement-breakpoint
ALTER TABLE "supervision_transitions" ADD COLUMN "escalated_to_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_reporter_person_id_people_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_escalated_to_unit_id_org_units_id_fk" FOREIGN KEY ("escalated_to_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_transitions" ADD CONSTRAINT "supervision_transitions_escalated_to_unit_id_org_units_id_fk" FOREIGN KEY ("escalated_to_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_cases_matter_idx" ON "supervision_cases" USING btree ("matter_id");