ALTER TABLE "users"
  ADD COLUMN "nick" VARCHAR(30),
  ADD CONSTRAINT "users_nick_key" UNIQUE ("nick");
