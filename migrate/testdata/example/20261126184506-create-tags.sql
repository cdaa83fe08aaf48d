-- A migration written in SQL, embedded in the binary with embed.FS.
-- strata:up
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name VARCHAR(40) NOT NULL
);
CREATE INDEX tags_user ON tags (userId);

-- strata:down
DROP TABLE tags;
