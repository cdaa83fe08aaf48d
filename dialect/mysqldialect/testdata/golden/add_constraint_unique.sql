ALTER TABLE `users` ADD UNIQUE KEY `users_firstName_lastName_key` (`firstName`, `lastName`);
