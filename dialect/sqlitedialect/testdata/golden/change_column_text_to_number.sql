-- guard: refuses the change if a row of "codes"."code" holds a value that is not a number or is outside -99999999.99 to 99999999.99 or has more than 2 digits after the decimal point
SELECT COUNT(*) FROM (SELECT *, CASE WHEN strata_unsigned <> '' AND strata_unsigned <> '.' AND strata_unsigned NOT GLOB '*[^0-9.]*' AND strata_unsigned NOT GLOB '*.*.*' THEN CAST(strata_text AS NUMERIC) END AS strata_number FROM (SELECT "code", trim(CAST("code" AS TEXT)) AS strata_text, CASE WHEN substr(trim(CAST("code" AS TEXT)), 1, 1) IN ('+', '-') THEN substr(trim(CAST("code" AS TEXT)), 2) ELSE trim(CAST("code" AS TEXT)) END AS strata_unsigned FROM "codes")) WHERE (NOT (strata_unsigned <> '' AND strata_unsigned <> '.' AND strata_unsigned NOT GLOB '*[^0-9.]*' AND strata_unsigned NOT GLOB '*.*.*')) OR (strata_number < -99999999.99 OR strata_number > 99999999.99) OR (typeof(strata_number) = 'real' AND strata_number <> round(strata_number, 2));
CREATE TABLE "codes__strata_new" (
  "id" INTEGER NOT NULL,
  "code" DECIMAL(10,2),
  PRIMARY KEY ("id")
);
INSERT INTO "codes__strata_new" ("id", "code") SELECT "id", "code" FROM "codes";
DROP TABLE "codes";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "codes__strata_new" RENAME TO "codes";
PRAGMA legacy_alter_table = OFF;
