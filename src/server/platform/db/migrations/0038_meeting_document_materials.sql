CREATE TABLE "meeting_document_materials" (
	"meeting_id" uuid NOT NULL,
	"dissemination_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	CONSTRAINT "meeting_document_materials_meeting_id_dissemination_id_pk" PRIMARY KEY("meeting_id","dissemination_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_document_materials" ADD CONSTRAINT "meeting_document_materials_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;