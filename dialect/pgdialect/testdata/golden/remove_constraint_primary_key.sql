DO $$
DECLARE
  pkey name;
BEGIN
  SELECT conname INTO STRICT pkey FROM pg_catalog.pg_constraint
   WHERE conrelid = '"tags"'::regclass AND contype = 'p';
  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', 'tags', pkey);
END
$$;
