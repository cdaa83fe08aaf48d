ALTER TABLE `products` ADD UNIQUE KEY `products_name_unique` (`name`);
