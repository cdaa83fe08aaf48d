-- 20261126184503-create-user: up
CREATE TABLE "users" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "firstName" VARCHAR(255),
  "lastName" VARCHAR(255),
  "email" VARCHAR(255) NOT NULL,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  CONSTRAINT "users_email_key" UNIQUE ("email")
);
-- 20261126184506-create-order: up
CREATE TABLE "orders" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "total" DECIMAL(10,2),
  "userId" INTEGER,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);
-- 20261126184508-create-product: up
CREATE TABLE "products" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "price" DECIMAL(10,2),
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL
);
-- 20261126184548-create-product-orders: up
CREATE TABLE "product_orders" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "productId" INTEGER NOT NULL,
  "orderId" INTEGER NOT NULL,
  "createdAt" DATETIME NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  CONSTRAINT "product_orders_productId_fkey" FOREIGN KEY ("productId") REFERENCES "products" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT "product_orders_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);
-- 20261126184551-add-age-to-users: up
ALTER TABLE "users" ADD COLUMN "age" INTEGER;
