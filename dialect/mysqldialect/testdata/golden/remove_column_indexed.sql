ALTER TABLE `users`
  DROP INDEX `users_lastName_firstName`,
  DROP COLUMN `firstName`;
