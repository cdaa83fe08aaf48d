-- guard: refuses the change if a row of "orders"."createdAt" holds a value that has a time of day other than midnight (UTC)
SELECT COUNT(*) FROM `orders` WHERE `createdAt` <> CAST(`createdAt` AS DATE);
ALTER TABLE `orders` MODIFY COLUMN `createdAt` DATE NOT NULL;
