ALTER TABLE "users" ADD CONSTRAINT "users_firstName_lastName_key" UNIQUE ("firstName", "lastName");
