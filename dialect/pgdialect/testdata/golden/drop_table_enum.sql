DROP TABLE "tickets";
DROP TYPE IF EXISTS "enum_tickets_state";
