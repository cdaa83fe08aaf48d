-- alias-qualified
SELECT `u`.`id`, `u`.`email` AS `e` FROM `users` AS `u` WHERE `u`.`age` = ? ORDER BY `u`.`email` ASC, `x`.`id` LIMIT ?
  args: [3, 5]

-- left-join
SELECT `users`.`id`, `m`.`id` FROM `users` LEFT JOIN `users` AS `m` ON `m`.`id` = `users`.`managerId` AND `m`.`age` > ? AND `m`.`deletedAt` IS NULL WHERE `users`.`email` = ? ORDER BY `users`.`id` IS NULL DESC, `users`.`id` ASC LIMIT ? OFFSET ?
  args: [30, "a", 10, 20]

-- inner-join
SELECT `products`.`id`, `links`.`orderId` FROM `products` INNER JOIN `links` ON `links`.`productId` = `products`.`id` WHERE `links`.`orderId` IN (?, ?) AND `links`.`age` >= ? ORDER BY `links`.`orderId`, `products`.`id`
  args: ["a", "b", 2]

-- window
SELECT `c0`, `c1` FROM (SELECT `orders`.`id` AS `c0`, `orders`.`userId` AS `c1`, ROW_NUMBER() OVER (PARTITION BY `orders`.`userId` ORDER BY `orders`.`total` IS NULL ASC, `orders`.`total` DESC, `orders`.`id`) AS `rn` FROM `orders` WHERE `orders`.`userId` IN (?, ?) AND `orders`.`deletedAt` IS NULL) AS `w` WHERE `rn` <= ? ORDER BY `c1`, `rn`
  args: [1, 2, 2]

-- exists
SELECT `id`, `email` FROM `users` WHERE EXISTS (SELECT 1 FROM `orders` AS `e0` WHERE `e0`.`userId` = `users`.`id` AND `e0`.`total` > ? AND EXISTS (SELECT 1 FROM `products` AS `e1` INNER JOIN `links` AS `j1` ON `j1`.`productId` = `e1`.`id` WHERE `j1`.`orderId` = `e0`.`id`))
  args: [5]

-- count
SELECT COUNT(*) FROM `users` WHERE `age` = ?
  args: [3]

-- count-subquery
SELECT COUNT(*) FROM (SELECT `age` FROM `users` GROUP BY `age`) AS `n`
  args: []

-- count-distinct-joined
SELECT COUNT(DISTINCT `products`.`id`) FROM `products` INNER JOIN `links` ON `links`.`productId` = `products`.`id` WHERE `links`.`orderId` = ?
  args: [7]

-- aggregates
SELECT SUM(`age`), MIN(`age`), MAX(`age`), AVG(`age`) FROM `users`
  args: []

-- exists-one
SELECT 1 FROM `users` WHERE `id` = ? LIMIT ?
  args: [1, 1]

-- lock-skip-locked
SELECT * FROM `users` WHERE `age` = ? LIMIT ? FOR UPDATE SKIP LOCKED
  args: [3, 10]

-- lock-share-nowait
SELECT * FROM `users` LOCK IN SHARE MODE NOWAIT
  args: []

-- lock-of
error: strata: a row lock of named tables (OF) is not supported on mysql; leave LockOf out: the lock then covers the rows of every table the query reads (MariaDB has no FOR UPDATE OF)

-- unknown-aggregate
error: select: unknown aggregate Agg(99)

