CREATE TABLE "warning_state_days" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warning_state_days_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subject_key" text NOT NULL,
	"on" date NOT NULL,
	"status" text NOT NULL,
	"acknowledged_on" date,
	"follow_up_user_id" uuid,
	"follow_up_by" date,
	"closed_on" date,
	"close_reason" text,
	"closed_evidence" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "warning_state_days_subject_idx" ON "warning_state_days" USING btree ("subject_key","on","seq");