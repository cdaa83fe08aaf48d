-- guard: refuses the change if a row of "users"."lastName" holds a value that is NULL or is longer than 10 characters
SELECT COUNT(*) FROM "users" WHERE ("lastName" IS NULL) OR (char_length("lastName"::text) > 10);
ALTER TABLE "users"
  ALTER COLUMN "lastName" TYPE CHAR(10) USING "lastName"::text,
  ALTER COLUMN "lastName" SET NOT NULL;
