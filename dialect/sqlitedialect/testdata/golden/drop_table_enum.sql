DROP TABLE "tickets";
