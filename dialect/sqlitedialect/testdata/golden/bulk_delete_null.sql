DELETE FROM "products" WHERE "price" IS NULL;
