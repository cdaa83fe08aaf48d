CREATE INDEX "users_lastName_firstName" ON "users" ("lastName", "firstName");
