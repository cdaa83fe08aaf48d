CREATE TABLE "orders__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "total" DECIMAL(10,2),
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'orders__strata_new', seq FROM sqlite_sequence WHERE name = 'orders';
INSERT INTO "orders__strata_new" ("id", "total", "createdAt", "updatedAt") SELECT "id", "total", "createdAt", "updatedAt" FROM "orders";
DROP TABLE "orders";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "orders__strata_new" RENAME TO "orders";
PRAGMA legacy_alter_table = OFF;
