-- guard: refuses the change if a row of "users"."firstName" holds a value that is NULL or is longer than 100 characters
SELECT COUNT(*) FROM `users` WHERE (`firstName` IS NULL) OR (CHAR_LENGTH(`firstName`) > 100);
ALTER TABLE `users` MODIFY COLUMN `firstName` VARCHAR(100) NOT NULL;
