ALTER TABLE "users" DROP COLUMN "email";
