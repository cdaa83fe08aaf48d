UPDATE "users" SET "lastName" = ? WHERE "firstName" = ? AND "id" IN (?, ?);
-- args: "L.", "Ada", 1, 2
