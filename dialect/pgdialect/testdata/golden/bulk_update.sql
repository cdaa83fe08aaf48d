UPDATE "users" SET "lastName" = $1 WHERE "firstName" = $2 AND "id" IN ($3, $4);
-- args: "L.", "Ada", 1, 2
