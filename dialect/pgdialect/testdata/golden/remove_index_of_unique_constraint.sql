ALTER TABLE "users" DROP CONSTRAINT "users_firstName_lastName_key";
