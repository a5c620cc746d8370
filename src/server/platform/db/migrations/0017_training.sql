CREATE TABLE "training_attendance" (
	"session_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	CONSTRAINT "training_attendance_session_id_enrolment_id_pk" PRIMARY KEY("session_id","enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "training_cell_year" (
	"cell_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"trainees" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "training_cell_year_cell_id_year_pk" PRIMARY KEY("cell_id","year")
);
--> statement-breakpoint
CREATE TABLE "training_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"course_title" text NOT NULL,
	"organizer_name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"attendance_pct" numeric(4, 1) NOT NULL,
	"score" numeric(4, 1),
	"result" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"signature" text NOT NULL,
	"revoked_on" date,
	"revoked_reason" text,
	CONSTRAINT "training_certificates_code_unique" UNIQUE("code"),
	CONSTRAINT "training_certificates_enrolment_id_unique" UNIQUE("enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "training_course_kinds" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"theory_level" text,
	"min_attendance_pct" integer DEFAULT 80 NOT NULL,
	"min_score" numeric(4, 1),
	"certificate_years" integer,
	"sort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind_code" text NOT NULL,
	"organizer_unit_id" uuid NOT NULL,
	"target_group" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"waitlist_capacity" integer DEFAULT 20 NOT NULL,
	"min_attendance_pct" integer NOT NULL,
	"min_score" numeric(4, 1),
	"status" text DEFAULT 'open' NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	"completed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_courses_dates" CHECK ("training_courses"."ends_on" >= "training_courses"."starts_on"),
	CONSTRAINT "training_courses_capacity" CHECK ("training_courses"."enrolled" >= 0 AND "training_courses"."enrolled" <= "training_courses"."capacity"),
	CONSTRAINT "training_courses_waitlist" CHECK ("training_courses"."waiting" >= 0 AND "training_courses"."waiting" <= "training_courses"."waitlist_capacity")
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"cell_id" uuid,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"score" numeric(4, 1),
	"attendance_pct" numeric(4, 1),
	"result" text,
	"completed_on" date
);
--> statement-breakpoint
CREATE TABLE "training_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"use" text NOT NULL,
	"positions" text[] NOT NULL,
	"theory_below" text,
	"elected_within_months" integer,
	"untrained_years" integer,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"topic" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_signing_keys" (
	"id" integer PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_unit_year" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"courses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "training_unit_year_unit_id_year_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_enrolment_id_training_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_certificates" ADD CONSTRAINT "training_certificates_enrolment_id_training_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_kind_code_training_course_kinds_code_fk" FOREIGN KEY ("kind_code") REFERENCES "public"."training_course_kinds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_organizer_unit_id_org_units_id_fk" FOREIGN KEY ("organizer_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_target_group_training_groups_code_fk" FOREIGN KEY ("target_group") REFERENCES "public"."training_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_materials" ADD CONSTRAINT "training_materials_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_attendance_enrolment_idx" ON "training_attendance" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "training_courses_organizer_idx" ON "training_courses" USING btree ("organizer_unit_id");--> statement-breakpoint
CREATE INDEX "training_courses_starts_idx" ON "training_courses" USING btree ("starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_once" ON "training_enrolments" USING btree ("course_id","person_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_person_idx" ON "training_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_cell_idx" ON "training_enrolments" USING btree ("cell_id");--> statement-breakpoint
CREATE INDEX "training_materials_course_idx" ON "training_materials" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "training_sessions" USING btree ("course_id");