ALTER TABLE "orders" DROP COLUMN "userId";
