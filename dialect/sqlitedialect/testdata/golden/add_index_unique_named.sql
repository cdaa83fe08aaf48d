CREATE UNIQUE INDEX "products_name_unique" ON "products" ("name");
