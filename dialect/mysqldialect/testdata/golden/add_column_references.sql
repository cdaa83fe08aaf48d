ALTER TABLE `orders`
  ADD COLUMN `productId` INT,
  ADD KEY `orders_productId_fkey` (`productId`),
  ADD CONSTRAINT `orders_productId_fkey` FOREIGN KEY (`productId`) REFERENCES `products` (`id`) ON DELETE SET NULL ON UPDATE CASCADE;
