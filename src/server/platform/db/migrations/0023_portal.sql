CREATE TABLE "portal_article_topics" (
	"article_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "portal_article_topics_article_id_topic_id_pk" PRIMARY KEY("article_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "portal_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"series_id" uuid,
	"series_order" integer,
	"category_id" uuid,
	"author_id" uuid,
	"source" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"views" integer DEFAULT 0 NOT NULL,
	"opinions" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_articles_published_has_time" CHECK ("portal_articles"."status" = 'draft' OR "portal_articles"."publish_at" IS NOT NULL),
	CONSTRAINT "portal_articles_series_order" CHECK (("portal_articles"."series_id" IS NULL) = ("portal_articles"."series_order" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "portal_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"ip_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moderated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"saved_by" text,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_translations" (
	"article_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"dir" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_translations_article_id_lang_pk" PRIMARY KEY("article_id","lang")
);
--> statement-breakpoint
ALTER TABLE "portal_article_topics" ADD CONSTRAINT "portal_article_topics_article_id_portal_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."portal_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_article_topics" ADD CONSTRAINT "portal_article_topics_topic_id_portal_terms_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."portal_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_articles" ADD CONSTRAINT "portal_articles_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_articles" ADD CONSTRAINT "portal_articles_series_id_portal_terms_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."portal_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_articles" ADD CONSTRAINT "portal_articles_category_id_portal_terms_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."portal_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_articles" ADD CONSTRAINT "portal_articles_author_id_portal_terms_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."portal_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_comments" ADD CONSTRAINT "portal_comments_article_id_portal_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."portal_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_images" ADD CONSTRAINT "portal_images_article_id_portal_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."portal_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_revisions" ADD CONSTRAINT "portal_revisions_article_id_portal_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."portal_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_terms" ADD CONSTRAINT "portal_terms_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_translations" ADD CONSTRAINT "portal_translations_article_id_portal_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."portal_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_article_topics_topic_idx" ON "portal_article_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_articles_slug_key" ON "portal_articles" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_articles_series_order_key" ON "portal_articles" USING btree ("series_id","series_order");--> statement-breakpoint
CREATE INDEX "portal_articles_public_idx" ON "portal_articles" USING btree ("publish_at") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "portal_articles_unit_path_idx" ON "portal_articles" USING btree ("unit_path");--> statement-breakpoint
CREATE INDEX "portal_comments_article_idx" ON "portal_comments" USING btree ("article_id","status");--> statement-breakpoint
CREATE INDEX "portal_comments_pending_idx" ON "portal_comments" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "portal_comments_ip_idx" ON "portal_comments" USING btree ("created_at") WHERE ip_address IS NOT NULL;--> statement-breakpoint
CREATE INDEX "portal_revisions_article_idx" ON "portal_revisions" USING btree ("article_id","saved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_terms_slug_key" ON "portal_terms" USING btree ("kind","slug");--> statement-breakpoint
CREATE INDEX "portal_translations_search_idx" ON "portal_translations" USING gin ("search");