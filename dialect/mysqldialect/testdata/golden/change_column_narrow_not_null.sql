-- guard: refuses the change if a row of "users"."lastName" holds a value that is NULL or is longer than 10 characters
SELECT COUNT(*) FROM `users` WHERE (`lastName` IS NULL) OR (CHAR_LENGTH(`lastName`) > 10);
ALTER TABLE `users` MODIFY COLUMN `lastName` CHAR(10) NOT NULL;
