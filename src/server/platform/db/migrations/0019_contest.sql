CREATE TABLE "contest_answers" (
	"attempt_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"chosen" jsonb NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contest_answers_attempt_id_question_id_pk" PRIMARY KEY("attempt_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "contest_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"seed" integer NOT NULL,
	"question_ids" uuid[] NOT NULL,
	"quotas" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"score" numeric
);
--> statement-breakpoint
CREATE TABLE "contest_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"cell_id" uuid NOT NULL,
	"cell_path" text NOT NULL,
	"commune_id" uuid NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rank" integer,
	"total" numeric,
	"award" text
);
--> statement-breakpoint
CREATE TABLE "contest_cell_stats" (
	"year" integer NOT NULL,
	"cell_id" uuid NOT NULL,
	"candidates" integer DEFAULT 0 NOT NULL,
	"tested" integer DEFAULT 0 NOT NULL,
	"awarded" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contest_cell_stats_year_cell_id_pk" PRIMARY KEY("year","cell_id")
);
--> statement-breakpoint
CREATE TABLE "contest_judges" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "contest_judges_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "contest_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"difficulty" text NOT NULL,
	"text" text NOT NULL,
	"options" jsonb NOT NULL,
	"correct" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contest_id" uuid NOT NULL,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"rules" jsonb NOT NULL,
	CONSTRAINT "contest_rounds_period" CHECK ("contest_rounds"."closes_at" > "contest_rounds"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "contest_scores" (
	"candidate_id" uuid NOT NULL,
	"judge_user_id" uuid NOT NULL,
	"points" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"total" numeric NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contest_scores_candidate_id_judge_user_id_pk" PRIMARY KEY("candidate_id","judge_user_id")
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"organizer_unit_id" uuid NOT NULL,
	"awards" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contest_answers" ADD CONSTRAINT "contest_answers_attempt_id_contest_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."contest_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_answers" ADD CONSTRAINT "contest_answers_question_id_contest_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."contest_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_attempts" ADD CONSTRAINT "contest_attempts_candidate_id_contest_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."contest_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_candidates" ADD CONSTRAINT "contest_candidates_round_id_contest_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."contest_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_candidates" ADD CONSTRAINT "contest_candidates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_candidates" ADD CONSTRAINT "contest_candidates_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_candidates" ADD CONSTRAINT "contest_candidates_commune_id_org_units_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_cell_stats" ADD CONSTRAINT "contest_cell_stats_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_judges" ADD CONSTRAINT "contest_judges_round_id_contest_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."contest_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_judges" ADD CONSTRAINT "contest_judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_rounds" ADD CONSTRAINT "contest_rounds_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_candidate_id_contest_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."contest_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_judge_user_id_users_id_fk" FOREIGN KEY ("judge_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_organizer_unit_id_org_units_id_fk" FOREIGN KEY ("organizer_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contest_attempts_candidate_key" ON "contest_attempts" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_candidates_person_key" ON "contest_candidates" USING btree ("round_id","person_id");--> statement-breakpoint
CREATE INDEX "contest_candidates_cell_idx" ON "contest_candidates" USING btree ("cell_id");--> statement-breakpoint
CREATE INDEX "contest_cell_stats_cell_idx" ON "contest_cell_stats" USING btree ("cell_id","year");--> statement-breakpoint
CREATE INDEX "contest_judges_user_idx" ON "contest_judges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "contest_questions_pool_idx" ON "contest_questions" USING btree ("category","difficulty");--> statement-breakpoint
CREATE INDEX "contest_rounds_contest_idx" ON "contest_rounds" USING btree ("contest_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contests_year_key" ON "contests" USING btree ("year");