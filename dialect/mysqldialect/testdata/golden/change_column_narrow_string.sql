-- guard: refuses the change if a row of "users"."lastName" holds a value that is longer than 20 characters
SELECT COUNT(*) FROM `users` WHERE CHAR_LENGTH(`lastName`) > 20;
ALTER TABLE `users` MODIFY COLUMN `lastName` VARCHAR(20);
