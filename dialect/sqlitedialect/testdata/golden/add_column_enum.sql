ALTER TABLE "orders" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'open' CONSTRAINT "orders_state_enum" CHECK ("state" IN ('open', 'paid'));
