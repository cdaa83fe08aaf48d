RENAME TABLE `users` TO `people`;
