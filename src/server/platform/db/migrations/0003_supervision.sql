CREATE TABLE "supervision_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"subject" text NOT NULL,
	"cell_id" uuid NOT NULL,
	"subject_person_id" uuid,
	"route" text NOT NULL,
	"handling_unit_id" uuid NOT NULL,
	"content" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"reporter_name" text,
	"reporter_contact" text,
	"reporter_user_id" uuid,
	"status" text DEFAULT 'received' NOT NULL,
	"received_on" date NOT NULL,
	"acknowledge_by" date NOT NULL,
	"conclude_by" date NOT NULL,
	"extension_reason" text,
	"conclusion" text,
	"measure" text,
	"concluded_on" date,
	"receipt_lookup" text NOT NULL,
	"receipt_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"author" text NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"by_user_id" uuid,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"on" date NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "supervision_attachments" ADD CONSTRAINT "supervision_attachments_case_id_supervision_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."supervision_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_subject_person_id_people_id_fk" FOREIGN KEY ("subject_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD CONSTRAINT "supervision_cases_handling_unit_id_org_units_id_fk" FOREIGN KEY ("handling_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_messages" ADD CONSTRAINT "supervision_messages_case_id_supervision_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."supervision_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_transitions" ADD CONSTRAINT "supervision_transitions_case_id_supervision_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."supervision_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_attachments_case_idx" ON "supervision_attachments" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_cases_receipt_lookup_key" ON "supervision_cases" USING btree ("receipt_lookup");--> statement-breakpoint
CREATE INDEX "supervision_cases_cell_idx" ON "supervision_cases" USING btree ("cell_id");--> statement-breakpoint
CREATE INDEX "supervision_cases_handling_idx" ON "supervision_cases" USING btree ("handling_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_messages_case_seq_key" ON "supervision_messages" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_transitions_case_seq_key" ON "supervision_transitions" USING btree ("case_id","seq");