ALTER TABLE `orders` DROP FOREIGN KEY `orders_userId_fkey`;
ALTER TABLE `orders` DROP INDEX `orders_userId_fkey`;
