DELETE FROM "users" WHERE "email" = $1;
-- args: "alan@example.com"
