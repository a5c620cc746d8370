CREATE TABLE "supervision_signal_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"cell_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"pending_to" date,
	"unacked_to" date,
	"founded_from" date
);
--> statement-breakpoint
ALTER TABLE "supervision_signal_cases" ADD CONSTRAINT "supervision_signal_cases_case_id_supervision_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."supervision_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_signal_cases_cell_idx" ON "supervision_signal_cases" USING btree ("cell_id","received_on");