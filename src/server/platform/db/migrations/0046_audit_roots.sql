CREATE TABLE "audit_roots" (
	"root" text NOT NULL,
	"scope" text NOT NULL,
	"mark" bigint NOT NULL,
	CONSTRAINT "audit_roots_root_scope_pk" PRIMARY KEY("root","scope")
);
