-- hasMany
SELECT `orders`.`id`, `orders`.`gUserId`, `orders`.`total`, `orders`.`deletedAt` FROM `orders` WHERE `orders`.`gUserId` IN (?, ?) AND `orders`.`deletedAt` IS NULL ORDER BY `orders`.`gUserId`, `orders`.`id`

-- hasMany with where, order, attributes
SELECT `orders`.`total`, `orders`.`id`, `orders`.`gUserId` FROM `orders` WHERE `orders`.`gUserId` IN (?, ?) AND `orders`.`total` > ? AND `orders`.`deletedAt` IS NULL ORDER BY `orders`.`gUserId`, `orders`.`total` DESC, `orders`.`id`

-- hasMany with limit per parent
SELECT `c0`, `c1`, `c2`, `c3` FROM (SELECT `orders`.`id` AS `c0`, `orders`.`gUserId` AS `c1`, `orders`.`total` AS `c2`, `orders`.`deletedAt` AS `c3`, ROW_NUMBER() OVER (PARTITION BY `orders`.`gUserId` ORDER BY `orders`.`total` DESC, `orders`.`id`) AS `strata_rn` FROM `orders` WHERE `orders`.`gUserId` IN (?, ?) AND `orders`.`deletedAt` IS NULL) AS `strata_w` WHERE `strata_rn` <= ? ORDER BY `c1`, `strata_rn`

-- hasMany with a required nested include
SELECT `orders`.`id`, `orders`.`gUserId`, `orders`.`total`, `orders`.`deletedAt` FROM `orders` WHERE `orders`.`gUserId` IN (?, ?) AND `orders`.`deletedAt` IS NULL AND EXISTS (SELECT 1 FROM `products` AS `strata_e1` INNER JOIN `product_orders` AS `strata_j1` ON `strata_j1`.`gProductId` = `strata_e1`.`id` WHERE `strata_j1`.`gOrderId` = `orders`.`id` AND `strata_e1`.`name` = ? AND `strata_e1`.`deletedAt` IS NULL) ORDER BY `orders`.`gUserId`, `orders`.`id`

-- belongsTo
SELECT `users`.`id`, `users`.`email`, `users`.`managerId` FROM `users` WHERE `users`.`id` IN (?, ?)

-- belongsToMany with the join row
SELECT `products`.`id`, `products`.`name`, `products`.`deletedAt`, `product_orders`.`id`, `product_orders`.`gOrderId`, `product_orders`.`gProductId`, `product_orders`.`quantity` FROM `products` INNER JOIN `product_orders` ON `product_orders`.`gProductId` = `products`.`id` WHERE `product_orders`.`gOrderId` IN (?, ?) AND `product_orders`.`quantity` >= ? AND `products`.`deletedAt` IS NULL ORDER BY `product_orders`.`gOrderId`, `products`.`id`

-- belongsToMany with limit per parent
SELECT `c0`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6` FROM (SELECT `products`.`id` AS `c0`, `products`.`name` AS `c1`, `products`.`deletedAt` AS `c2`, `product_orders`.`id` AS `c3`, `product_orders`.`gOrderId` AS `c4`, `product_orders`.`gProductId` AS `c5`, `product_orders`.`quantity` AS `c6`, ROW_NUMBER() OVER (PARTITION BY `product_orders`.`gOrderId` ORDER BY `product_orders`.`quantity` DESC, `products`.`id`) AS `strata_rn` FROM `products` INNER JOIN `product_orders` ON `product_orders`.`gProductId` = `products`.`id` WHERE `product_orders`.`gOrderId` IN (?, ?)) AS `strata_w` WHERE `strata_rn` <= ? ORDER BY `c4`, `strata_rn`

-- root with a required include and joined self-associations
SELECT `users`.`id`, `users`.`email`, `users`.`managerId`, `strata_t1`.`id`, `strata_t1`.`email`, `strata_t1`.`managerId`, `strata_t2`.`id`, `strata_t2`.`email`, `strata_t2`.`managerId` FROM `users` LEFT JOIN `users` AS `strata_t1` ON `strata_t1`.`id` = `users`.`managerId` LEFT JOIN `users` AS `strata_t2` ON `strata_t2`.`id` = `strata_t1`.`managerId` WHERE `users`.`email` = ? AND EXISTS (SELECT 1 FROM `orders` AS `strata_e0` WHERE `strata_e0`.`gUserId` = `users`.`id` AND `strata_e0`.`deletedAt` IS NULL) ORDER BY `users`.`id` ASC LIMIT ? OFFSET ?

-- root with nested required includes
SELECT `id`, `email`, `managerId` FROM `users` WHERE `email` = ? AND EXISTS (SELECT 1 FROM `orders` AS `strata_e0` WHERE `strata_e0`.`gUserId` = `users`.`id` AND `strata_e0`.`deletedAt` IS NULL AND EXISTS (SELECT 1 FROM `products` AS `strata_e1` INNER JOIN `product_orders` AS `strata_j1` ON `strata_j1`.`gProductId` = `strata_e1`.`id` WHERE `strata_j1`.`gOrderId` = `strata_e0`.`id` AND `strata_e1`.`deletedAt` IS NULL))
