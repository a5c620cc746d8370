CREATE TABLE "document_dissemination_cells" (
	"dissemination_id" uuid NOT NULL,
	"cell_id" uuid NOT NULL,
	"studied_on" date,
	"report" text,
	"recorded_on" date,
	"reminded_on" date,
	"reminders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_dissemination_cells_dissemination_id_cell_id_pk" PRIMARY KEY("dissemination_id","cell_id")
);
--> statement-breakpoint
CREATE TABLE "document_disseminations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"sender_unit_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	"deadline" date NOT NULL,
	"note" text,
	"target_unit_ids" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"extracted_text" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_issuer_terms" (
	"issuer_code" text NOT NULL,
	"label" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	CONSTRAINT "document_issuer_terms_issuer_code_label_pk" PRIMARY KEY("issuer_code","label")
);
--> statement-breakpoint
CREATE TABLE "document_issuers" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid
);
--> statement-breakpoint
CREATE TABLE "document_links" (
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "document_links_from_id_to_id_pk" PRIMARY KEY("from_id","to_id"),
	CONSTRAINT "document_links_not_self" CHECK ("document_links"."from_id" <> "document_links"."to_id")
);
--> statement-breakpoint
CREATE TABLE "document_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type_code" text NOT NULL,
	"issuer_code" text NOT NULL,
	"term_label" text NOT NULL,
	"number" integer NOT NULL,
	"issued_on" date NOT NULL,
	"title" text NOT NULL,
	"signer" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"period_from" date,
	"period_to" date,
	"owner_unit_id" uuid NOT NULL,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_documents_period" CHECK ("party_documents"."period_to" IS NULL OR "party_documents"."period_from" IS NULL OR "party_documents"."period_to" >= "party_documents"."period_from")
);
--> statement-breakpoint
ALTER TABLE "document_dissemination_cells" ADD CONSTRAINT "document_dissemination_cells_dissemination_id_document_disseminations_id_fk" FOREIGN KEY ("dissemination_id") REFERENCES "public"."document_disseminations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_dissemination_cells" ADD CONSTRAINT "document_dissemination_cells_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_disseminations" ADD CONSTRAINT "document_disseminations_document_id_party_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."party_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_disseminations" ADD CONSTRAINT "document_disseminations_sender_unit_id_org_units_id_fk" FOREIGN KEY ("sender_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_party_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."party_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_issuer_terms" ADD CONSTRAINT "document_issuer_terms_issuer_code_document_issuers_code_fk" FOREIGN KEY ("issuer_code") REFERENCES "public"."document_issuers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_issuers" ADD CONSTRAINT "document_issuers_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_from_id_party_documents_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."party_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_to_id_party_documents_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."party_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_documents" ADD CONSTRAINT "party_documents_type_code_document_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."document_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_documents" ADD CONSTRAINT "party_documents_issuer_code_document_issuers_code_fk" FOREIGN KEY ("issuer_code") REFERENCES "public"."document_issuers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_documents" ADD CONSTRAINT "party_documents_owner_unit_id_org_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_dissemination_cells_cell_idx" ON "document_dissemination_cells" USING btree ("cell_id");--> statement-breakpoint
CREATE INDEX "document_disseminations_document_idx" ON "document_disseminations" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_links_to_idx" ON "document_links" USING btree ("to_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_documents_number_key" ON "party_documents" USING btree ("issuer_code","type_code","term_label","number");--> statement-breakpoint
CREATE INDEX "party_documents_search_idx" ON "party_documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "party_documents_issued_idx" ON "party_documents" USING btree ("issued_on");--> statement-breakpoint
INSERT INTO "document_types" ("code", "name_vi", "name_en", "sort") VALUES
  ('NQ', 'Nghị quyết', 'Resolution', 1), ('CT', 'Chỉ thị', 'Directive', 2), ('QĐ', 'Quyết định, Quy định', 'Decision, regulation', 3),
  ('KL', 'Kết luận', 'Conclusion', 4), ('CTr', 'Chương trình', 'Program', 5), ('KH', 'Kế hoạch', 'Plan', 6),
  ('ĐA', 'Đề án', 'Project', 7), ('HD', 'Hướng dẫn', 'Guidance', 8), ('TB', 'Thông báo', 'Notice', 9), ('BC', 'Báo cáo', 'Report', 10);
--> statement-breakpoint
-- The issuers every province reads: the Central Committee and the province's own committee. Terms run from one
-- congress to the next; the dates are data in document_issuer_terms, corrected there when a province needs.
INSERT INTO "document_issuers" ("code", "name") VALUES ('TW', 'Ban Chấp hành Trung ương'), ('BTCTW', 'Ban Tổ chức Trung ương'),
  ('VPTW', 'Văn phòng Trung ương Đảng'), ('TU', 'Tỉnh ủy');
--> statement-breakpoint
INSERT INTO "document_issuer_terms" ("issuer_code", "label", "starts_on", "ends_on") VALUES
  ('TW', 'XII', '2016-01-28', '2021-02-01'), ('TW', 'XIII', '2021-02-01', '2026-01-23'), ('TW', 'XIV', '2026-01-23', NULL),
  ('BTCTW', 'XII', '2016-01-28', '2021-02-01'), ('BTCTW', 'XIII', '2021-02-01', '2026-01-23'), ('BTCTW', 'XIV', '2026-01-23', NULL),
  ('VPTW', 'XII', '2016-01-28', '2021-02-01'), ('VPTW', 'XIII', '2021-02-01', '2026-01-23'), ('VPTW', 'XIV', '2026-01-23', NULL),
  ('TU', '2015–2020', '2015-10-01', '2020-10-15'), ('TU', '2020–2025', '2020-10-15', '2025-10-01'), ('TU', '2025–2030', '2025-10-01', NULL);
--> statement-breakpoint
-- The study records move the documents' dashboard figures of their cells: a dashboard cached in memory is dropped
-- at commit (platform/cache; the figure providers in modules/documents/figures.ts say notifiesFigures).
CREATE FUNCTION chibo_changed_study_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_new))); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_old))); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON document_dissemination_cells REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_study_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON document_dissemination_cells REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_study_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON document_dissemination_cells REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_study_cells();
