-- guard: refuses the change if a row of "users"."firstName" holds a value that is NULL or is longer than 100 characters
SELECT COUNT(*) FROM "users" WHERE ("firstName" IS NULL) OR (char_length("firstName"::text) > 100);
ALTER TABLE "users"
  ALTER COLUMN "firstName" TYPE VARCHAR(100) USING "firstName"::text,
  ALTER COLUMN "firstName" SET NOT NULL;
