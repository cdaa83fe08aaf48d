-- guard: refuses the change if a row of "orders"."total" holds a value that is NULL
SELECT COUNT(*) FROM "orders" WHERE "total" IS NULL;
ALTER TABLE "orders"
  ALTER COLUMN "total" TYPE DECIMAL(12,2) USING "total"::DECIMAL(12,2),
  ALTER COLUMN "total" SET NOT NULL,
  ALTER COLUMN "total" SET DEFAULT 0;
