CREATE TABLE "consultation_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"min_turnout" numeric DEFAULT 0 NOT NULL,
	CONSTRAINT "consultation_settings_one_row" CHECK ("consultation_settings"."id"),
	CONSTRAINT "consultation_settings_turnout" CHECK ("consultation_settings"."min_turnout" >= 0 AND "consultation_settings"."min_turnout" <= 100)
);
