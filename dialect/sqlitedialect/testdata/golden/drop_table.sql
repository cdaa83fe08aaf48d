DROP TABLE "product_orders";
