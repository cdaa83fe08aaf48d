-- guard: refuses the change if a row of "orders"."total" holds a value that is outside -99999.9 to 99999.9 or has more than 1 digit after the decimal point
SELECT COUNT(*) FROM "orders" WHERE ("total" < -99999.9 OR "total" > 99999.9) OR ("total"::numeric <> round("total"::numeric, 1));
ALTER TABLE "orders" ALTER COLUMN "total" TYPE DECIMAL(6,1) USING "total"::DECIMAL(6,1);
