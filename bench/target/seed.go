package target

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/bench/shop"
)

// seed inserts the shop's rows (shop.SeedUser and friends) with their ids,
// in one transaction, then moves PostgreSQL's sequences past them.
func seed(ctx context.Context, db *sql.DB, k Kind) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("target: seed %s: %w", k, err)
	}
	defer tx.Rollback()
	ins := inserter{ctx: ctx, tx: tx, kind: k}

	users := make([][]any, 0, shop.Users)
	for id := int64(1); id <= shop.Users; id++ {
		u := shop.SeedUser(id)
		users = append(users, []any{u.ID, u.FirstName, u.LastName, u.Email, u.Age, u.CreatedAt, u.UpdatedAt})
	}
	ins.rows("users", []string{"id", "firstName", "lastName", "email", "age", "createdAt", "updatedAt"}, users)

	orders := make([][]any, 0, shop.Orders)
	for id := int64(1); id <= shop.Orders; id++ {
		o := shop.SeedOrder(id)
		orders = append(orders, []any{o.ID, o.Total, o.UserID, o.CreatedAt, o.UpdatedAt})
	}
	ins.rows("orders", []string{"id", "total", "userId", "createdAt", "updatedAt"}, orders)

	products := make([][]any, 0, shop.Products)
	for id := int64(1); id <= shop.Products; id++ {
		p := shop.SeedProduct(id)
		products = append(products, []any{p.ID, p.Name, p.Price, p.CreatedAt, p.UpdatedAt})
	}
	ins.rows("products", []string{"id", "name", "price", "createdAt", "updatedAt"}, products)

	pos := make([][]any, 0, shop.Orders*shop.ProductsPerOrder)
	for id := int64(1); id <= shop.Orders; id++ {
		for _, po := range shop.SeedProductOrders(id) {
			pos = append(pos, []any{po.ID, po.ProductID, po.OrderID, po.Quantity, po.CreatedAt, po.UpdatedAt})
		}
	}
	ins.rows("product_orders", []string{"id", "productId", "orderId", "quantity", "createdAt", "updatedAt"}, pos)

	if k == Postgres {
		for _, t := range []string{"users", "orders", "products", "product_orders"} {
			ins.exec(fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max("id") FROM "%s"))`, t, t))
		}
	}
	if ins.err != nil {
		return fmt.Errorf("target: seed %s: %w", k, ins.err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("target: seed %s: commit: %w", k, err)
	}
	// Fresh statistics, as a database that has lived with its rows has:
	// without them MariaDB joins product_orders to products the slow way.
	analyze := map[Kind]string{
		Postgres: "ANALYZE",
		MySQL:    "ANALYZE TABLE `users`, `orders`, `products`, `product_orders`",
		SQLite:   "ANALYZE",
	}[k]
	if _, err := db.ExecContext(ctx, analyze); err != nil {
		return fmt.Errorf("target: analyze %s: %w", k, err)
	}
	return nil
}

// inserter runs multi-row INSERTs in chunks, keeping the first error.
type inserter struct {
	ctx  context.Context
	tx   *sql.Tx
	kind Kind
	err  error
}

func (in *inserter) exec(query string, args ...any) {
	if in.err != nil {
		return
	}
	if _, err := in.tx.ExecContext(in.ctx, query, args...); err != nil {
		in.err = fmt.Errorf("%w\n%.200s", err, query)
	}
}

func (in *inserter) quote(name string) string {
	if in.kind == MySQL {
		return "`" + name + "`"
	}
	return `"` + name + `"`
}

func (in *inserter) rows(table string, cols []string, rows [][]any) {
	const chunk = 500
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = in.quote(c)
	}
	head := "INSERT INTO " + in.quote(table) + " (" + strings.Join(quoted, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(part)*len(cols))
		for i, r := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				if in.kind == Postgres {
					b.WriteString("$" + strconv.Itoa(len(args)+j+1))
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
			args = append(args, r...)
		}
		in.exec(b.String(), args...)
	}
}
