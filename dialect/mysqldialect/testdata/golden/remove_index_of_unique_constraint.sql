ALTER TABLE `users` DROP INDEX `users_firstName_lastName_key`;
