ALTER TABLE `products`
  MODIFY COLUMN `ownerId` INT,
  ADD KEY `products_ownerId_fkey` (`ownerId`),
  ADD CONSTRAINT `products_ownerId_fkey` FOREIGN KEY (`ownerId`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION;
