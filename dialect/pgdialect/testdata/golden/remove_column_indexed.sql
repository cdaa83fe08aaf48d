ALTER TABLE "users" DROP COLUMN "firstName";
