CREATE TABLE "audit_roots" (
	"root" text PRIMARY KEY NOT NULL,
	"mark" bigint NOT NULL
);
