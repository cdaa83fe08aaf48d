CREATE TABLE "tags__strata_new" (
  "name" VARCHAR(40) NOT NULL,
  "label" TEXT,
  PRIMARY KEY ("name")
);
INSERT INTO "tags__strata_new" ("name", "label") SELECT "name", "label" FROM "tags";
DROP TABLE "tags";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "tags__strata_new" RENAME TO "tags";
PRAGMA legacy_alter_table = OFF;
