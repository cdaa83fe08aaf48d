ALTER TABLE `products`
  ADD KEY `products_owner_fk` (`ownerId`),
  ADD CONSTRAINT `products_owner_fk` FOREIGN KEY (`ownerId`) REFERENCES `users` (`id`) ON DELETE SET NULL ON UPDATE RESTRICT;
