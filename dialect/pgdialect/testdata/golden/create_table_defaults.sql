CREATE TYPE "enum_defaults_status" AS ENUM ('new', 'done');
CREATE TABLE "defaults" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "name" VARCHAR(255) NOT NULL DEFAULT 'it''s me',
  "count" INTEGER NOT NULL DEFAULT 0,
  "neg" BIGINT DEFAULT -42,
  "price" DECIMAL(10,2) DEFAULT 9.99,
  "ratio" DOUBLE PRECISION DEFAULT 0.5,
  "active" BOOLEAN NOT NULL DEFAULT true,
  "off" BOOLEAN DEFAULT false,
  "status" "enum_defaults_status" DEFAULT 'new',
  "createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "day" DATE DEFAULT CURRENT_DATE,
  PRIMARY KEY ("id")
);
