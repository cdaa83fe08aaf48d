CREATE TABLE "tagged" (
  "id" SERIAL,
  "tags" VARCHAR(30)[],
  "scores" INTEGER[],
  PRIMARY KEY ("id")
);
