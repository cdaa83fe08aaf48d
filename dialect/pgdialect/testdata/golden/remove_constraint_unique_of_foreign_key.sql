ALTER TABLE "orders" DROP CONSTRAINT "orders_userId_key";
