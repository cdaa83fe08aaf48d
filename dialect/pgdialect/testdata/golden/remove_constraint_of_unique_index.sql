DROP INDEX "products_name_unique";
