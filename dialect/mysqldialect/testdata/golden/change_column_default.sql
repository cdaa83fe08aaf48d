-- guard: refuses the change if a row of "orders"."total" holds a value that is NULL
SELECT COUNT(*) FROM `orders` WHERE `total` IS NULL;
ALTER TABLE `orders` MODIFY COLUMN `total` DECIMAL(12,2) NOT NULL DEFAULT 0;
