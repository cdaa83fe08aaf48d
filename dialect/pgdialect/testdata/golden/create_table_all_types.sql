CREATE TYPE "enum_everything_e" AS ENUM ('draft', 'paid', 'it''s');
CREATE TABLE "everything" (
  "id" BIGSERIAL,
  "s" VARCHAR(255),
  "s20" VARCHAR(20) NOT NULL,
  "c" CHAR(2),
  "t" TEXT,
  "i" INTEGER,
  "si" SMALLINT,
  "bi" BIGINT,
  "f" REAL,
  "d" DOUBLE PRECISION,
  "dec" DECIMAL(12,3),
  "b" BOOLEAN,
  "ts" TIMESTAMP(6) WITH TIME ZONE,
  "day" DATE,
  "tod" TIME,
  "u" UUID,
  "j" JSON,
  "jb" JSONB,
  "bl" BYTEA,
  "e" "enum_everything_e",
  PRIMARY KEY ("id")
);
