CREATE TABLE "warning_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"on" date NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_settings" (
	"province_id" uuid NOT NULL,
	"signal_key" text NOT NULL,
	"threshold" integer NOT NULL,
	"window_days" integer NOT NULL,
	"enabled" boolean NOT NULL,
	CONSTRAINT "warning_settings_province_id_signal_key_pk" PRIMARY KEY("province_id","signal_key"),
	CONSTRAINT "warning_settings_threshold_check" CHECK ("warning_settings"."threshold" BETWEEN 1 AND 3650),
	CONSTRAINT "warning_settings_window_check" CHECK ("warning_settings"."window_days" BETWEEN 1 AND 3650)
);
--> statement-breakpoint
CREATE TABLE "warning_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"acknowledged_on" date,
	"acknowledged_by" uuid,
	"follow_up_user_id" uuid,
	"follow_up_by" date,
	"closed_on" date,
	"close_reason" text,
	"closed_evidence" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_cases" ADD COLUMN "number" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "supervision_cases_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "warning_notes" ADD CONSTRAINT "warning_notes_state_id_warning_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."warning_states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_settings" ADD CONSTRAINT "warning_settings_province_id_org_units_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warning_notes_state_seq_key" ON "warning_notes" USING btree ("state_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_states_subject_key" ON "warning_states" USING btree ("subject_key");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_cases_number_key" ON "supervision_cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "supervision_cases_received_idx" ON "supervision_cases" USING btree ("received_on");