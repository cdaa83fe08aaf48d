CREATE UNIQUE INDEX "orders_userId" ON "orders" ("userId");
