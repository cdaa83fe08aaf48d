ALTER TABLE `orders` ADD COLUMN `state` ENUM('open','paid') NOT NULL DEFAULT 'open';
