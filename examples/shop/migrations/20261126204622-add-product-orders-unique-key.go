package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

// One row per product in an order: the unique key on (productId, orderId)
// that a belongsToMany's join table has (Sequelize adds it to a through
// table), which makes order.addProduct an insert that cannot duplicate the
// row when two requests add the same product at once. A database that
// already holds such duplicates keeps the newest row of each pair (the
// highest id) before the key is added; the down removes the key only.
func init() {
	All.Add(migrate.Migration{
		Name: "20261126204622-add-product-orders-unique-key",
		Up: []ddl.Op{
			ddl.Raw(`DELETE FROM product_orders WHERE id NOT IN
  (SELECT id FROM (SELECT MAX(id) AS id FROM product_orders GROUP BY "productId", "orderId") AS keep)`).
				For("mysql", "DELETE FROM product_orders WHERE id NOT IN\n  (SELECT id FROM (SELECT MAX(id) AS id FROM product_orders GROUP BY `productId`, `orderId`) AS keep)"),
			ddl.AddUnique("product_orders", "productId", "orderId"),
		},
		Down: []ddl.Op{
			ddl.RemoveConstraint("product_orders", "product_orders_productId_orderId_key"),
		},
	})
}
