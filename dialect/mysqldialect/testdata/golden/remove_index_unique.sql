ALTER TABLE `users` DROP INDEX `users_lastName`;
