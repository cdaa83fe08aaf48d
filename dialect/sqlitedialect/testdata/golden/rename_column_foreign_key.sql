ALTER TABLE "orders" RENAME COLUMN "userId" TO "customerId";
