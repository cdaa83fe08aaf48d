ALTER TABLE `products` DROP INDEX `products_name_unique`;
