-- guard: refuses the migration if "users" holds a row (20200101000000-backfill.js, line 6: the file reads its rows at line 6 to change them)
SELECT COUNT(*) FROM "users";
-- guard: refuses the migration if "orders" holds a row (20200101000000-backfill.js, line 6: the file reads its rows at line 6 to change them)
SELECT COUNT(*) FROM "orders";
