package target

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// schemaOps is the shop as strata creates it: the seed's five migrations
// (internal/testshop), then product_orders.quantity, and an index on each
// foreign key the eager loads read by, orders.userId and
// product_orders.orderId, as any application loading by them has (MySQL and
// MariaDB make those indexes for their foreign keys themselves).
func schemaOps(k Kind) []ddl.Op {
	ops := testshop.Ops()
	ops = append(ops, ddl.AddColumn("product_orders", ddl.Column("quantity", schema.Integer()).NotNull().Default(1)))
	if k != MySQL {
		ops = append(ops, ddl.AddIndex("orders", "userId"), ddl.AddIndex("product_orders", "orderId"))
	}
	return ops
}

// Dialect is strata's dialect for k.
func (k Kind) Dialect() dialect.Dialect {
	switch k {
	case Postgres:
		return pgdialect.New()
	case MySQL:
		return mysqldialect.New()
	}
	return sqlitedialect.New()
}

// createTables renders schemaOps with strata's dialect for k and runs them.
func createTables(ctx context.Context, db *sql.DB, k Kind) error {
	d := k.Dialect()
	cur := &schema.Database{}
	for _, op := range schemaOps(k) {
		stmts, err := d.Render(op, cur)
		if err != nil {
			return fmt.Errorf("target: render %s for %s: %w", op, k, err)
		}
		if err := dialect.ExecAll(ctx, db, d, stmts); err != nil {
			return fmt.Errorf("target: %s on %s: %w", op, k, err)
		}
		if err := op.Apply(cur); err != nil {
			return fmt.Errorf("target: %s: %w", op, err)
		}
	}
	return nil
}
