INSERT INTO "products" ("createdAt", "id", "name", "price", "updatedAt") VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10);
-- args: "2026-11-26 18:45:03", 10, "coffee", "3.10", "2026-11-26 18:45:03", "2026-11-26 18:45:03", 11, "it's \"quoted\" -- not a comment; DROP TABLE users", NULL, "2026-11-26 18:45:03"
SELECT setval(pg_get_serial_sequence('"products"', 'id'), MAX("id")) FROM "products";
