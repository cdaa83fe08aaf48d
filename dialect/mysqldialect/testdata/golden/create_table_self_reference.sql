CREATE TABLE `categories` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `parentId` INT,
  PRIMARY KEY (`id`),
  KEY `categories_parentId_fkey` (`parentId`),
  CONSTRAINT `categories_parentId_fkey` FOREIGN KEY (`parentId`) REFERENCES `categories` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
