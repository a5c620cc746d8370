CREATE TABLE "training_untrained_segments" (
	"cell_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"untrained" integer NOT NULL,
	CONSTRAINT "training_untrained_segments_cell_id_valid_from_pk" PRIMARY KEY("cell_id","valid_from")
);
