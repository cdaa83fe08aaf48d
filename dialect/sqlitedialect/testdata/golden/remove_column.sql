ALTER TABLE "users" DROP COLUMN "lastName";
