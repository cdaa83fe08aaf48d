INSERT INTO "products" ("createdAt", "id", "name", "price", "updatedAt") VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?);
-- args: "2026-11-26 18:45:03", 10, "coffee", "3.10", "2026-11-26 18:45:03", "2026-11-26 18:45:03", 11, "it's \"quoted\" -- not a comment; DROP TABLE users", NULL, "2026-11-26 18:45:03"
