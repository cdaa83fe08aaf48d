ALTER TABLE `orders`
  DROP INDEX `orders_userId_key`,
  ADD KEY `orders_userId_fkey` (`userId`);
