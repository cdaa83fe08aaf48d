DROP INDEX "users_lastName";
