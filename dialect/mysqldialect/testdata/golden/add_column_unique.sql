ALTER TABLE `users`
  ADD COLUMN `nick` VARCHAR(30),
  ADD UNIQUE KEY `users_nick_key` (`nick`);
