ALTER TABLE `users` ADD COLUMN `nick` VARCHAR(20) AFTER `firstName`;
