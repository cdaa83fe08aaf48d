-- eq
SELECT "id", "email" FROM "users" WHERE "email" = $1
  args: ["a@b.c"]

-- eq-nil-is-null
SELECT "id", "email" FROM "users" WHERE "email" IS NULL AND "age" IS NOT NULL
  args: []

-- compare
SELECT "id", "email" FROM "users" WHERE "age" > $1 AND "age" >= $2 AND "age" < $3 AND "age" <= $4 AND "age" <> $5
  args: [1, 2, 3, 4, 5]

-- in
SELECT "id", "email" FROM "users" WHERE "id" IN ($1, $2, $3) AND "age" NOT IN ($4)
  args: [1, 2, 3, 4]

-- in-empty
SELECT "id", "email" FROM "users" WHERE 1 = 0 AND 1 = 1
  args: []

-- like
SELECT "id", "email" FROM "users" WHERE "email" LIKE $1 AND "name" NOT LIKE $2
  args: ["%@x.org", "a%"]

-- ilike
SELECT "id", "email" FROM "users" WHERE "email" ILIKE $1 AND "name" NOT ILIKE $2
  args: ["%@X.org", "A%"]

-- between
SELECT "id", "email" FROM "users" WHERE "age" BETWEEN $1 AND $2 AND "createdAt" NOT BETWEEN $3 AND $4
  args: [18, 65, time.Date(2024, time.May, 6, 7, 8, 9, 0, time.UTC), time.Date(2024, time.May, 6, 8, 8, 9, 0, time.UTC)]

-- null
SELECT "id", "email" FROM "users" WHERE "deletedAt" IS NULL AND "name" IS NOT NULL
  args: []

-- and-or-not
SELECT "id", "email" FROM "users" WHERE ("age" = $1 OR ("age" = $2 AND "name" = $3)) AND NOT ("id" = $4)
  args: [1, 2, "x", 3]

-- raw
SELECT "id", "email" FROM "users" WHERE (lower(email) = $1 AND age IN ($2, $3)) AND ('?' = '?')
  args: ["x@y.z", 1, 2]

-- fields
SELECT "id", "email" FROM "users" WHERE ("age" IN ($1, $2) AND "email" = $3 AND "name" IS NULL)
  args: [1, 2, "a"]

-- order-limit-offset
SELECT "id" FROM "users" ORDER BY "age" DESC, "id" ASC LIMIT $1 OFFSET $2
  args: [10, 20]

-- offset-only
SELECT "id" FROM "users" OFFSET $1
  args: [5]

-- group-having
SELECT "age" FROM "users" GROUP BY "age" HAVING (COUNT(*) > $1)
  args: [1]

-- for-update
SELECT "id" FROM "users" WHERE "id" = $1 FOR UPDATE
  args: [1]

-- for-share
SELECT "id" FROM "users" FOR SHARE
  args: []

-- quoted-names
SELECT "a""b", "c`d" FROM "we""ird`t"
  args: []

-- insert
INSERT INTO "users" ("email", "age") VALUES ($1, $2)
  args: ["a", 1]

-- insert-many-returning
INSERT INTO "users" ("email") VALUES ($1), ($2) RETURNING "id"
  args: ["a", "b"]

-- insert-default-values
INSERT INTO "users" DEFAULT VALUES
  args: []

-- upsert
INSERT INTO "users" ("email", "age") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "age" = EXCLUDED."age"
  args: ["a", 1]

-- upsert-do-nothing
INSERT INTO "users" ("email", "age") VALUES ($1, $2), ($3, $4) ON CONFLICT ("email", "age") DO NOTHING
  args: ["a", 1, "b", 2]

-- update
UPDATE "users" SET "age" = "age" + $1, "name" = $2 WHERE "id" = $3 RETURNING "age"
  args: [2, <nil>, 1]

-- delete
DELETE FROM "users" WHERE "id" IN ($1, $2)
  args: [1, 2]

