ALTER TABLE "users" RENAME COLUMN "id" TO "userId";
