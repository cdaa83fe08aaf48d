CREATE TABLE "memberships" (
  "groupId" INTEGER NOT NULL,
  "userId" INTEGER NOT NULL,
  "role" VARCHAR(20) NOT NULL,
  "rank" INTEGER,
  PRIMARY KEY ("groupId", "userId"),
  CONSTRAINT "memberships_groupId_rank_key" UNIQUE ("groupId", "rank"),
  CONSTRAINT "memberships_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "memberships_rank_check" CHECK ("rank" > 0)
);
