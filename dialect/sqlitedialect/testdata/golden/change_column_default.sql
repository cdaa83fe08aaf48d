-- guard: refuses the change if a row of "orders"."total" holds a value that is NULL
SELECT COUNT(*) FROM "orders" WHERE "total" IS NULL;
CREATE TABLE "orders__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "total" DECIMAL(12,2) NOT NULL DEFAULT 0,
  "userId" INTEGER,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'orders__strata_new', seq FROM sqlite_sequence WHERE name = 'orders';
INSERT INTO "orders__strata_new" ("id", "total", "userId", "createdAt", "updatedAt") SELECT "id", "total", "userId", "createdAt", "updatedAt" FROM "orders";
DROP TABLE "orders";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "orders__strata_new" RENAME TO "orders";
PRAGMA legacy_alter_table = OFF;
