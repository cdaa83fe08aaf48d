-- guard: refuses the change if a row of "orders"."createdAt" holds a value that has a time of day other than midnight (UTC)
SELECT COUNT(*) FROM "orders" WHERE strftime('%H:%M:%S', "createdAt") <> '00:00:00' OR (instr(CAST("createdAt" AS TEXT), '.') > 0 AND substr(ltrim(substr(CAST("createdAt" AS TEXT), instr(CAST("createdAt" AS TEXT), '.') + 1), '0'), 1, 1) GLOB '[0-9]');
CREATE TABLE "orders__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "total" DECIMAL(10,2),
  "userId" INTEGER,
  "createdAt" DATE NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'orders__strata_new', seq FROM sqlite_sequence WHERE name = 'orders';
INSERT INTO "orders__strata_new" ("id", "total", "userId", "createdAt", "updatedAt") SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders";
DROP TABLE "orders";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "orders__strata_new" RENAME TO "orders";
PRAGMA legacy_alter_table = OFF;
