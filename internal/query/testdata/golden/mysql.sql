-- eq
SELECT `id`, `email` FROM `users` WHERE `email` = ?
  args: ["a@b.c"]

-- eq-nil-is-null
SELECT `id`, `email` FROM `users` WHERE `email` IS NULL AND `age` IS NOT NULL
  args: []

-- compare
SELECT `id`, `email` FROM `users` WHERE `age` > ? AND `age` >= ? AND `age` < ? AND `age` <= ? AND `age` <> ?
  args: [1, 2, 3, 4, 5]

-- in
SELECT `id`, `email` FROM `users` WHERE `id` IN (?, ?, ?) AND `age` NOT IN (?)
  args: [1, 2, 3, 4]

-- in-empty
SELECT `id`, `email` FROM `users` WHERE 1 = 0 AND 1 = 1
  args: []

-- like
SELECT `id`, `email` FROM `users` WHERE `email` LIKE ? AND `name` NOT LIKE ?
  args: ["%@x.org", "a%"]

-- ilike
SELECT `id`, `email` FROM `users` WHERE LOWER(`email`) LIKE LOWER(?) AND LOWER(`name`) NOT LIKE LOWER(?)
  args: ["%@X.org", "A%"]

-- between
SELECT `id`, `email` FROM `users` WHERE `age` BETWEEN ? AND ? AND `createdAt` NOT BETWEEN ? AND ?
  args: [18, 65, time.Date(2024, time.May, 6, 7, 8, 9, 0, time.UTC), time.Date(2024, time.May, 6, 8, 8, 9, 0, time.UTC)]

-- null
SELECT `id`, `email` FROM `users` WHERE `deletedAt` IS NULL AND `name` IS NOT NULL
  args: []

-- and-or-not
SELECT `id`, `email` FROM `users` WHERE (`age` = ? OR (`age` = ? AND `name` = ?)) AND NOT (`id` = ?)
  args: [1, 2, "x", 3]

-- raw
SELECT `id`, `email` FROM `users` WHERE (lower(email) = ? AND age IN (?, ?)) AND ('?' = '?')
  args: ["x@y.z", 1, 2]

-- fields
SELECT `id`, `email` FROM `users` WHERE (`age` IN (?, ?) AND `email` = ? AND `name` IS NULL)
  args: [1, 2, "a"]

-- order-limit-offset
SELECT `id` FROM `users` ORDER BY `age` DESC, `id` ASC LIMIT ? OFFSET ?
  args: [10, 20]

-- offset-only
SELECT `id` FROM `users` LIMIT 18446744073709551615 OFFSET ?
  args: [5]

-- group-having
SELECT `age` FROM `users` GROUP BY `age` HAVING (COUNT(*) > ?)
  args: [1]

-- for-update
SELECT `id` FROM `users` WHERE `id` = ? FOR UPDATE
  args: [1]

-- for-share
SELECT `id` FROM `users` LOCK IN SHARE MODE
  args: []

-- quoted-names
SELECT `a"b`, `c``d` FROM `we"ird``t`
  args: []

-- insert
INSERT INTO `users` (`email`, `age`) VALUES (?, ?)
  args: ["a", 1]

-- insert-many-returning
INSERT INTO `users` (`email`) VALUES (?), (?) RETURNING `id`
  args: ["a", "b"]

-- insert-default-values
INSERT INTO `users` () VALUES ()
  args: []

-- upsert
INSERT INTO `users` (`email`, `age`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id` = LAST_INSERT_ID(`id`), `age` = VALUES(`age`)
  args: ["a", 1]

-- upsert-do-nothing
INSERT INTO `users` (`email`, `age`) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE `email` = `email`
  args: ["a", 1, "b", 2]

-- update
UPDATE `users` SET `age` = `age` + ?, `name` = ? WHERE `id` = ? RETURNING `age`
  args: [2, <nil>, 1]

-- delete
DELETE FROM `users` WHERE `id` IN (?, ?)
  args: [1, 2]

