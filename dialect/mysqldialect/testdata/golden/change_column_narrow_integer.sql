-- guard: refuses the change if a row of "users"."age" holds a value that is outside -32768 to 32767
SELECT COUNT(*) FROM `users` WHERE `age` < -32768 OR `age` > 32767;
ALTER TABLE `users` MODIFY COLUMN `age` SMALLINT;
