CREATE TYPE "enum_orders_state" AS ENUM ('open', 'paid');
ALTER TABLE "orders" ADD COLUMN "state" "enum_orders_state" NOT NULL DEFAULT 'open';
