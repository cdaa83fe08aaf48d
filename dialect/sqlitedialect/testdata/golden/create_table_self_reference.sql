CREATE TABLE "categories" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "parentId" INTEGER,
  CONSTRAINT "categories_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "categories" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
);
