ALTER TABLE `users`
  DROP INDEX `users_email_key`,
  DROP COLUMN `email`;
