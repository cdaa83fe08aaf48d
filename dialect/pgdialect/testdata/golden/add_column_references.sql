ALTER TABLE "orders"
  ADD COLUMN "productId" INTEGER,
  ADD CONSTRAINT "orders_productId_fkey" FOREIGN KEY ("productId") REFERENCES "products" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
