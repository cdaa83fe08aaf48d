ALTER TABLE "users" RENAME COLUMN "firstName" TO "givenName";
