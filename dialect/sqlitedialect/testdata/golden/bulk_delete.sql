DELETE FROM "users" WHERE "email" = ?;
-- args: "alan@example.com"
