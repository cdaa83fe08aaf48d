-- guard: refuses the change if a row of "users"."lastName" holds a value that is longer than 20 characters
SELECT COUNT(*) FROM "users" WHERE char_length("lastName"::text) > 20;
ALTER TABLE "users" ALTER COLUMN "lastName" TYPE VARCHAR(20) USING "lastName"::text;
