CREATE TABLE "products__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "price" DECIMAL(10,2),
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  "ownerId" INTEGER,
  CONSTRAINT "products_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'products__strata_new', seq FROM sqlite_sequence WHERE name = 'products';
INSERT INTO "products__strata_new" ("id", "name", "price", "createdAt", "updatedAt", "ownerId") SELECT "id", "name", "price", "createdAt", "updatedAt", "ownerId" FROM "products";
DROP TABLE "products";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "products__strata_new" RENAME TO "products";
PRAGMA legacy_alter_table = OFF;
