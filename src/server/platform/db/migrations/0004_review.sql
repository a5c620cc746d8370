CREATE TABLE "review_appraisals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"present" integer NOT NULL,
	"votes_for" integer NOT NULL,
	"votes_against" integer NOT NULL,
	"proposed_level" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"branch_ids" uuid[] NOT NULL,
	"branch_paths" text[] NOT NULL,
	"reference_date" date NOT NULL,
	"self_due" date NOT NULL,
	"cell_due" date NOT NULL,
	"decision_due" date NOT NULL,
	"complaint_days" integer DEFAULT 15 NOT NULL,
	"template_set_id" uuid NOT NULL,
	"cap" jsonb NOT NULL,
	"templates" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"level" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'decision' NOT NULL,
	"superseded_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"full_name" text,
	"unit_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"unit_path" text NOT NULL,
	"commune_id" uuid NOT NULL,
	"group" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_self_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" integer NOT NULL,
	"tasks_total" integer NOT NULL,
	"tasks_late" integer NOT NULL,
	"tasks_exceeding" integer NOT NULL,
	"disciplined" boolean NOT NULL,
	"shortcomings_fixed" boolean NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"allowed_level" text NOT NULL,
	"filled_by" uuid,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_self_assessments_total_range" CHECK ("review_self_assessments"."total" BETWEEN 0 AND 100),
	CONSTRAINT "review_self_assessments_tasks" CHECK ("review_self_assessments"."tasks_late" <= "review_self_assessments"."tasks_total" AND "review_self_assessments"."tasks_exceeding" <= "review_self_assessments"."tasks_total")
);
--> statement-breakpoint
CREATE TABLE "review_template_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"cap" jsonb NOT NULL,
	"templates" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_appraisals" ADD CONSTRAINT "review_appraisals_participant_id_review_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."review_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_cycles" ADD CONSTRAINT "review_cycles_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_cycles" ADD CONSTRAINT "review_cycles_template_set_id_review_template_sets_id_fk" FOREIGN KEY ("template_set_id") REFERENCES "public"."review_template_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_participant_id_review_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."review_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_participants" ADD CONSTRAINT "review_participants_cycle_id_review_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."review_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_participants" ADD CONSTRAINT "review_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_participants" ADD CONSTRAINT "review_participants_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_participants" ADD CONSTRAINT "review_participants_commune_id_org_units_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_self_assessments" ADD CONSTRAINT "review_self_assessments_participant_id_review_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."review_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_template_sets" ADD CONSTRAINT "review_template_sets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_appraisals_one_key" ON "review_appraisals" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "review_cycles_year_idx" ON "review_cycles" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "review_decisions_current_key" ON "review_decisions" USING btree ("participant_id") WHERE "review_decisions"."superseded_by" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "review_participants_person_key" ON "review_participants" USING btree ("cycle_id","person_id") WHERE "review_participants"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "review_participants_cell_key" ON "review_participants" USING btree ("cycle_id","unit_id") WHERE "review_participants"."kind" = 'cell';--> statement-breakpoint
CREATE INDEX "review_participants_path_idx" ON "review_participants" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "review_participants_commune_idx" ON "review_participants" USING btree ("cycle_id","commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_self_assessments_one_key" ON "review_self_assessments" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_template_sets_unit_year_key" ON "review_template_sets" USING btree ("unit_id","year");