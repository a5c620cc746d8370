CREATE TABLE "cell_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cell_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"slot" text,
	"planned_on" date NOT NULL,
	"starts_at" text,
	"location" text,
	"topic" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"held_on" date,
	"duration_minutes" integer,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invitation_message" text,
	"invitations_sent_on" date,
	"guests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" jsonb,
	"resolution_text" text,
	"resolution_published_on" date,
	"score_template" text DEFAULT '42-HD' NOT NULL,
	"self_scores" jsonb,
	"self_total" numeric,
	"review_scores" jsonb,
	"review_total" numeric,
	"review_note" text,
	"review_closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cell_meetings_held" CHECK (("cell_meetings"."status" = 'held') = ("cell_meetings"."held_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "meeting_action_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"cell_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"follow_up_meeting_id" uuid,
	"follow_up_note" text
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	CONSTRAINT "meeting_attendance_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_commands" (
	"command_id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"user_id" uuid,
	"actor_name" text,
	"type" text NOT NULL,
	"areas" text[] NOT NULL,
	"version" integer NOT NULL,
	"answer" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invitations" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"apology_reason" text,
	"apology_at" timestamp with time zone,
	CONSTRAINT "meeting_invitations_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sent_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_quality_bands" (
	"template" text NOT NULL,
	"code" text NOT NULL,
	"min_score" integer NOT NULL,
	CONSTRAINT "meeting_quality_bands_template_code_pk" PRIMARY KEY("template","code")
);
--> statement-breakpoint
CREATE TABLE "meeting_quality_criteria" (
	"template" text NOT NULL,
	"code" text NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"max_points" integer NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "meeting_quality_criteria_template_code_pk" PRIMARY KEY("template","code")
);
--> statement-breakpoint
CREATE TABLE "meeting_rules" (
	"id" integer PRIMARY KEY NOT NULL,
	"materials_days_before" integer NOT NULL,
	"resolution_days_after" integer NOT NULL,
	"large_cell_members" integer NOT NULL,
	"min_minutes_small" integer NOT NULL,
	"min_minutes_large" integer NOT NULL,
	"regular_per_month" integer NOT NULL,
	"thematic_per_quarter" integer NOT NULL,
	"remind_secretary_after_days" integer NOT NULL,
	"remind_commune_after_days" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cell_meetings" ADD CONSTRAINT "cell_meetings_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_follow_up_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("follow_up_meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_commands" ADD CONSTRAINT "meeting_commands_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_materials" ADD CONSTRAINT "meeting_materials_meeting_id_cell_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cell_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cell_meetings_slot_key" ON "cell_meetings" USING btree ("cell_id","slot");--> statement-breakpoint
CREATE INDEX "cell_meetings_cell_idx" ON "cell_meetings" USING btree ("cell_id","planned_on");--> statement-breakpoint
CREATE INDEX "cell_meetings_planned_idx" ON "cell_meetings" USING btree ("planned_on");--> statement-breakpoint
CREATE INDEX "meeting_action_items_cell_idx" ON "meeting_action_items" USING btree ("cell_id","status","due_on");--> statement-breakpoint
CREATE INDEX "meeting_action_items_meeting_idx" ON "meeting_action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_commands_meeting_idx" ON "meeting_commands" USING btree ("meeting_id","version");--> statement-breakpoint
CREATE INDEX "meeting_invitations_person_idx" ON "meeting_invitations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_materials_meeting_idx" ON "meeting_materials" USING btree ("meeting_id");--> statement-breakpoint
-- Chỉ thị 50-CT/TW and Hướng dẫn 42-HD/BTCTW as data: a province corrects a number here, not in the code.
INSERT INTO "meeting_rules" ("id", "materials_days_before", "resolution_days_after", "large_cell_members", "min_minutes_small", "min_minutes_large", "regular_per_month", "thematic_per_quarter", "remind_secretary_after_days", "remind_commune_after_days")
  VALUES (1, 1, 2, 30, 90, 120, 1, 1, 3, 7);
--> statement-breakpoint
-- The 100-point template of 42-HD. "Conduct" is given 30–40 points in the guidance; the template seeds 30 so that
-- the criteria sum to 100 — a province that gives it 40 lowers another criterion here.
INSERT INTO "meeting_quality_criteria" ("template", "code", "label_vi", "label_en", "max_points", "sort") VALUES
  ('42-HD', 'time', 'Thời gian sinh hoạt', 'Time', 5, 1),
  ('42-HD', 'attendance', 'Số lượng đảng viên dự', 'Attendance', 5, 2),
  ('42-HD', 'preparation', 'Công tác chuẩn bị', 'Preparation', 10, 3),
  ('42-HD', 'conduct', 'Nội dung, cách thức tiến hành', 'Conduct', 30, 4),
  ('42-HD', 'chairing', 'Điều hành của chủ trì', 'Chairing', 10, 5),
  ('42-HD', 'principles', 'Thực hiện nguyên tắc tổ chức, sinh hoạt đảng', 'Principles', 5, 6),
  ('42-HD', 'previousResults', 'Kết quả thực hiện nghị quyết kỳ trước', 'Results of the previous resolution', 30, 7),
  ('42-HD', 'closing', 'Kết thúc sinh hoạt', 'Closing', 5, 8);
--> statement-breakpoint
INSERT INTO "meeting_quality_bands" ("template", "code", "min_score") VALUES
  ('42-HD', 'good', 90), ('42-HD', 'fair', 70), ('42-HD', 'average', 50), ('42-HD', 'weak', 0);
--> statement-breakpoint
-- Meetings, attendance and action items move the meetings' dashboard figures of their cells: a dashboard cached in
-- memory is dropped at commit (platform/cache; modules/meetings/figures.ts says notifiesFigures).
CREATE FUNCTION chibo_changed_meeting_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_new))); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_old))); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION chibo_changed_attendance_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT m.cell_id FROM chg_new a JOIN cell_meetings m ON m.id = a.meeting_id))); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT m.cell_id FROM chg_old a JOIN cell_meetings m ON m.id = a.meeting_id))); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON cell_meetings REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_meeting_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON cell_meetings REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_meeting_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON cell_meetings REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_meeting_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON meeting_action_items REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_meeting_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON meeting_action_items REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_meeting_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON meeting_action_items REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_meeting_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_ins AFTER INSERT ON meeting_attendance REFERENCING NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_attendance_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_upd AFTER UPDATE ON meeting_attendance REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_attendance_cells();
--> statement-breakpoint
CREATE TRIGGER chibo_feed_del AFTER DELETE ON meeting_attendance REFERENCING OLD TABLE AS chg_old FOR EACH STATEMENT EXECUTE FUNCTION chibo_changed_attendance_cells();
