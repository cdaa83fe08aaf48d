-- guard: refuses the change if a row of "orders"."createdAt" holds a value that has a time of day other than midnight (UTC)
SELECT COUNT(*) FROM "orders" WHERE "createdAt" <> date_trunc('day', "createdAt");
ALTER TABLE "orders" ALTER COLUMN "createdAt" TYPE DATE USING "createdAt"::DATE;
