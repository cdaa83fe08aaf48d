-- 20261126184503-create-user: up
CREATE TABLE "users" (
  "id" SERIAL,
  "firstName" VARCHAR(255),
  "lastName" VARCHAR(255),
  "email" VARCHAR(255) NOT NULL,
  "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);
-- 20261126184506-create-order: up
CREATE TABLE "orders" (
  "id" SERIAL,
  "total" DECIMAL(10,2),
  "userId" INTEGER,
  "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE
);
-- 20261126184508-create-product: up
CREATE TABLE "products" (
  "id" SERIAL,
  "name" VARCHAR(255) NOT NULL,
  "price" DECIMAL(10,2),
  "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY ("id")
);
-- 20261126184548-create-product-orders: up
CREATE TABLE "product_orders" (
  "id" SERIAL,
  "productId" INTEGER NOT NULL,
  "orderId" INTEGER NOT NULL,
  "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "product_orders_productId_fkey" FOREIGN KEY ("productId") REFERENCES "products" ("id") ON DELETE CASCADE,
  CONSTRAINT "product_orders_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "orders" ("id") ON DELETE CASCADE
);
-- 20261126184551-add-age-to-users: up
ALTER TABLE "users" ADD COLUMN "age" INTEGER;
