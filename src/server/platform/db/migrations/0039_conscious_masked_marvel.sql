CREATE TABLE "supervision_case_moves" (
	"case_id" uuid NOT NULL,
	"moved_on" date NOT NULL,
	"from_cell" uuid NOT NULL,
	"to_cell" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_case_moves" ADD CONSTRAINT "supervision_case_moves_case_id_supervision_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."supervision_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_case_moves" ADD CONSTRAINT "supervision_case_moves_from_cell_org_units_id_fk" FOREIGN KEY ("from_cell") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_case_moves" ADD CONSTRAINT "supervision_case_moves_to_cell_org_units_id_fk" FOREIGN KEY ("to_cell") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_case_moves_key" ON "supervision_case_moves" USING btree ("case_id","moved_on");--> statement-breakpoint
CREATE INDEX "supervision_case_moves_from_idx" ON "supervision_case_moves" USING btree ("from_cell");--> statement-breakpoint
CREATE INDEX "supervision_case_moves_to_idx" ON "supervision_case_moves" USING btree ("to_cell");