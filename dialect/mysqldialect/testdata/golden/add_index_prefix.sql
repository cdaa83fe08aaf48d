ALTER TABLE `users` ADD KEY `users_name_prefix` (`lastName`(10), `firstName` DESC);
