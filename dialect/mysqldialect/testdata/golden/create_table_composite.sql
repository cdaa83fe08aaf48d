CREATE TABLE `memberships` (
  `groupId` INT NOT NULL,
  `userId` INT NOT NULL,
  `role` VARCHAR(20) NOT NULL,
  `rank` INT,
  PRIMARY KEY (`groupId`, `userId`),
  UNIQUE KEY `memberships_groupId_rank_key` (`groupId`, `rank`),
  KEY `memberships_userId_fkey` (`userId`),
  CONSTRAINT `memberships_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT `memberships_rank_check` CHECK (`rank` > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
