CREATE TABLE "products__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "name" TEXT,
  "price" DECIMAL(10,2),
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'products__strata_new', seq FROM sqlite_sequence WHERE name = 'products';
INSERT INTO "products__strata_new" ("id", "name", "price", "createdAt", "updatedAt") SELECT "id", "name", "price", "createdAt", "updatedAt" FROM "products";
DROP TABLE "products";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "products__strata_new" RENAME TO "products";
PRAGMA legacy_alter_table = OFF;
