CREATE TABLE "users__strata_new" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "firstName" VARCHAR(255),
  "lastName" VARCHAR(255),
  "email" VARCHAR(255) NOT NULL,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  "age" INTEGER,
  CONSTRAINT "users_email_key" UNIQUE ("email")
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'users__strata_new', seq FROM sqlite_sequence WHERE name = 'users';
INSERT INTO "users__strata_new" ("id", "firstName", "lastName", "email", "createdAt", "updatedAt", "age") SELECT "id", "firstName", "lastName", "email", "createdAt", "updatedAt", "age" FROM "users";
DROP TABLE "users";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "users__strata_new" RENAME TO "users";
PRAGMA legacy_alter_table = OFF;
