CREATE TABLE "org_change_hooks" (
	"hook" text PRIMARY KEY NOT NULL
);
