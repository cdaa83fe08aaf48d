CREATE TABLE "categories" (
  "id" SERIAL,
  "parentId" INTEGER,
  PRIMARY KEY ("id"),
  CONSTRAINT "categories_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "categories" ("id") ON DELETE SET NULL
);
