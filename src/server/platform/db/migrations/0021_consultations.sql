CREATE TABLE "consultation_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"person_id" uuid,
	"answered_on" date NOT NULL,
	CONSTRAINT "consultation_answers_origin" CHECK (("consultation_answers"."origin" = 'online') = ("consultation_answers"."person_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "consultation_ballots" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"used_on" date
);
--> statement-breakpoint
CREATE TABLE "consultation_consensus_levels" (
	"code" text PRIMARY KEY NOT NULL,
	"min_share" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_members" (
	"consultation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "consultation_members_consultation_id_person_id_pk" PRIMARY KEY("consultation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_stats" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"closes_on" date NOT NULL,
	"eligible" integer NOT NULL,
	"participants" integer NOT NULL,
	"consensus" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_tallies" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"held_on" date NOT NULL,
	"present" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "consultation_tallies_present" CHECK ("consultation_tallies"."present" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consultation_tally_counts" (
	"consultation_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "consultation_tally_counts_consultation_id_option_id_pk" PRIMARY KEY("consultation_id","option_id"),
	CONSTRAINT "consultation_tally_counts_count" CHECK ("consultation_tally_counts"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consultation_tally_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"command_id" uuid NOT NULL,
	"changed_by" uuid,
	"changed_by_name" text,
	"reason" text NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"unit_kind" text NOT NULL,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"members_eligible" boolean NOT NULL,
	"eligible_members" integer NOT NULL,
	"households" integer NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"decision" text,
	"follow_up" text,
	"decided_on" date,
	"codes_issued" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_dates" CHECK ("consultations"."closes_on" >= "consultations"."opens_on"),
	CONSTRAINT "consultations_counts" CHECK ("consultations"."eligible_members" >= 0 AND "consultations"."households" >= 0 AND "consultations"."codes_issued" >= 0 AND "consultations"."codes_issued" <= "consultations"."households")
);
--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_option_id_consultation_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."consultation_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_ballots" ADD CONSTRAINT "consultation_ballots_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_documents" ADD CONSTRAINT "consultation_documents_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_members" ADD CONSTRAINT "consultation_members_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_members" ADD CONSTRAINT "consultation_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_options" ADD CONSTRAINT "consultation_options_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_stats" ADD CONSTRAINT "consultation_stats_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_tallies" ADD CONSTRAINT "consultation_tallies_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_tally_counts" ADD CONSTRAINT "consultation_tally_counts_consultation_id_consultation_tallies_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation_tallies"("consultation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_tally_counts" ADD CONSTRAINT "consultation_tally_counts_option_id_consultation_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."consultation_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_tally_log" ADD CONSTRAINT "consultation_tally_log_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_answers_one_per_member" ON "consultation_answers" USING btree ("consultation_id","person_id");--> statement-breakpoint
CREATE INDEX "consultation_answers_consultation_idx" ON "consultation_answers" USING btree ("consultation_id","option_id");--> statement-breakpoint
CREATE INDEX "consultation_ballots_consultation_idx" ON "consultation_ballots" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_documents_consultation_idx" ON "consultation_documents" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_options_position_key" ON "consultation_options" USING btree ("consultation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_options_label_key" ON "consultation_options" USING btree ("consultation_id","label");--> statement-breakpoint
CREATE INDEX "consultation_stats_unit_idx" ON "consultation_stats" USING btree ("unit_id","closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_tally_log_version_key" ON "consultation_tally_log" USING btree ("consultation_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_tally_log_command_key" ON "consultation_tally_log" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "consultations_path_idx" ON "consultations" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultations_unit_idx" ON "consultations" USING btree ("unit_id","closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_same_question" ON "consultations" USING btree ("unit_id","opens_on","title");