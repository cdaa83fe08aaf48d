DROP TABLE `tickets`;
