CREATE TABLE "review_complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"filed_by" uuid,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recheck_id" uuid
);
--> statement-breakpoint
ALTER TABLE "review_cycles" ADD COLUMN "source" text DEFAULT 'chibo' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD COLUMN "score" integer;--> statement-breakpoint
ALTER TABLE "review_complaints" ADD CONSTRAINT "review_complaints_participant_id_review_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."review_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_complaints" ADD CONSTRAINT "review_complaints_decision_id_review_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."review_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_complaints" ADD CONSTRAINT "review_complaints_recheck_id_review_decisions_id_fk" FOREIGN KEY ("recheck_id") REFERENCES "public"."review_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_complaints_one_key" ON "review_complaints" USING btree ("participant_id");