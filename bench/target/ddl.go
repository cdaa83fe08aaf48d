package target

// The shop's tables as strata's dialects create them (see ARCHITECTURE.md:
// Sequelize's types, camelCase column names, named constraints), plus
// product_orders.quantity and an index on each foreign key the eager loads
// read by. MySQL/MariaDB creates those indexes for its foreign keys anyway;
// PostgreSQL and SQLite need them written, as any application that loads by
// these columns would.

var ddlPostgres = []string{
	`CREATE TABLE "users" ("id" SERIAL, "firstName" VARCHAR(255), "lastName" VARCHAR(255), "email" VARCHAR(255) NOT NULL,
		"createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL, "age" INTEGER,
		PRIMARY KEY ("id"), CONSTRAINT "users_email_key" UNIQUE ("email"))`,
	`CREATE TABLE "orders" ("id" SERIAL, "total" DECIMAL(10,2), "userId" INTEGER,
		"createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
		PRIMARY KEY ("id"),
		CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE)`,
	`CREATE INDEX "orders_user_id" ON "orders" ("userId")`,
	`CREATE TABLE "products" ("id" SERIAL, "name" VARCHAR(255) NOT NULL, "price" DECIMAL(10,2),
		"createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
		PRIMARY KEY ("id"))`,
	`CREATE TABLE "product_orders" ("id" SERIAL, "productId" INTEGER NOT NULL, "orderId" INTEGER NOT NULL,
		"quantity" INTEGER NOT NULL DEFAULT 1,
		"createdAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(6) WITH TIME ZONE NOT NULL,
		PRIMARY KEY ("id"),
		CONSTRAINT "product_orders_productId_fkey" FOREIGN KEY ("productId") REFERENCES "products" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
		CONSTRAINT "product_orders_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE CASCADE)`,
	`CREATE INDEX "product_orders_order_id" ON "product_orders" ("orderId")`,
}

var ddlMySQL = []string{
	"CREATE TABLE `users` (`id` INT NOT NULL AUTO_INCREMENT, `firstName` VARCHAR(255), `lastName` VARCHAR(255), `email` VARCHAR(255) NOT NULL," +
		" `createdAt` DATETIME(6) NOT NULL, `updatedAt` DATETIME(6) NOT NULL, `age` INT," +
		" PRIMARY KEY (`id`), CONSTRAINT `users_email_key` UNIQUE (`email`)) ENGINE=InnoDB",
	"CREATE TABLE `orders` (`id` INT NOT NULL AUTO_INCREMENT, `total` DECIMAL(10,2), `userId` INT," +
		" `createdAt` DATETIME(6) NOT NULL, `updatedAt` DATETIME(6) NOT NULL," +
		" PRIMARY KEY (`id`)," +
		" CONSTRAINT `orders_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE) ENGINE=InnoDB",
	"CREATE TABLE `products` (`id` INT NOT NULL AUTO_INCREMENT, `name` VARCHAR(255) NOT NULL, `price` DECIMAL(10,2)," +
		" `createdAt` DATETIME(6) NOT NULL, `updatedAt` DATETIME(6) NOT NULL," +
		" PRIMARY KEY (`id`)) ENGINE=InnoDB",
	"CREATE TABLE `product_orders` (`id` INT NOT NULL AUTO_INCREMENT, `productId` INT NOT NULL, `orderId` INT NOT NULL," +
		" `quantity` INT NOT NULL DEFAULT 1," +
		" `createdAt` DATETIME(6) NOT NULL, `updatedAt` DATETIME(6) NOT NULL," +
		" PRIMARY KEY (`id`)," +
		" CONSTRAINT `product_orders_productId_fkey` FOREIGN KEY (`productId`) REFERENCES `products` (`id`) ON DELETE CASCADE ON UPDATE CASCADE," +
		" CONSTRAINT `product_orders_orderId_fkey` FOREIGN KEY (`orderId`) REFERENCES `orders` (`id`) ON DELETE CASCADE ON UPDATE CASCADE) ENGINE=InnoDB",
}

var ddlSQLite = []string{
	`CREATE TABLE "users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "firstName" VARCHAR(255), "lastName" VARCHAR(255), "email" VARCHAR(255) NOT NULL,
		"createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL, "age" INTEGER,
		CONSTRAINT "users_email_key" UNIQUE ("email"))`,
	`CREATE TABLE "orders" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "total" DECIMAL(10,2), "userId" INTEGER,
		"createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL,
		CONSTRAINT "orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE)`,
	`CREATE INDEX "orders_user_id" ON "orders" ("userId")`,
	`CREATE TABLE "products" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(255) NOT NULL, "price" DECIMAL(10,2),
		"createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL)`,
	`CREATE TABLE "product_orders" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "productId" INTEGER NOT NULL, "orderId" INTEGER NOT NULL,
		"quantity" INTEGER NOT NULL DEFAULT 1,
		"createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL,
		CONSTRAINT "product_orders_productId_fkey" FOREIGN KEY ("productId") REFERENCES "products" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
		CONSTRAINT "product_orders_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE CASCADE)`,
	`CREATE INDEX "product_orders_order_id" ON "product_orders" ("orderId")`,
}
