ALTER TABLE `orders`
  DROP INDEX `orders_userId_fkey`,
  ADD UNIQUE KEY `orders_userId` (`userId`);
