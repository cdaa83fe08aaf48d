CREATE TABLE "orders__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "total" DECIMAL(10,2),
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
