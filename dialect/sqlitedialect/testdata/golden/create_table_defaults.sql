CREATE TABLE "defaults" (
  "id" UUID NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
  "name" VARCHAR(255) NOT NULL DEFAULT 'it''s me',
  "count" INTEGER NOT NULL DEFAULT 0,
  "neg" BIGINT DEFAULT -42,
  "price" DECIMAL(10,2) DEFAULT 9.99,
  "ratio" DOUBLE DEFAULT 0.5,
  "active" BOOLEAN NOT NULL DEFAULT 1,
  "off" BOOLEAN DEFAULT 0,
  "status" TEXT DEFAULT 'new' CONSTRAINT "defaults_status_enum" CHECK ("status" IN ('new', 'done')),
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "day" DATE DEFAULT CURRENT_DATE,
  PRIMARY KEY ("id")
);
