CREATE INDEX "orders_open" ON "orders" ("userId") WHERE "total" > 0;
