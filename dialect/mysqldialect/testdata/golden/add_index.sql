ALTER TABLE `users` ADD KEY `users_lastName_firstName` (`lastName`, `firstName`);
