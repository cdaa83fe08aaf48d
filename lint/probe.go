package lint

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

// DBProbe is the Probe that asks the database q reaches (a *sql.DB, or a
// *sql.Conn when the caller holds one connection, as migrate does) with
// d's SQL: Rows is the database's estimate for a large table and a
// COUNT(*) otherwise, Duplicates counts the groups a
// unique key would refuse. It is a ServerProbe too, from the dialect's
// QueryFeatures where it has them.
func DBProbe(q dialect.Querier, d dialect.Dialect) Probe {
	return &dbProbe{q: q, d: d}
}

type dbProbe struct {
	q dialect.Querier
	d dialect.Dialect
}

var _ ServerProbe = (*dbProbe)(nil)

func (p *dbProbe) count(ctx context.Context, query string) (int64, error) {
	rows, err := p.q.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, rows.Close()
}

// EstimateAbove is the row count from which DBProbe takes the database's
// estimate (dialect.RowEstimator) instead of counting: past it, the rules
// need only know that the table is large, and a COUNT(*) would read it all.
const EstimateAbove = 10_000

// Rows is the database's estimate of table's rows where the dialect has
// one and it is above EstimateAbove, else an exact COUNT(*) (a small
// table, or one the statistics know nothing of).
func (p *dbProbe) Rows(ctx context.Context, table string) (int64, error) {
	if e, ok := p.d.(dialect.RowEstimator); ok {
		n, ok, err := e.EstimateRows(ctx, p.q, table)
		if err != nil {
			return 0, err
		}
		if ok && n > EstimateAbove {
			return n, nil
		}
	}
	return p.count(ctx, dialect.CountRowsSQL(p.d, table))
}

// Duplicates counts the groups of table's rows sharing their values of cols.
func (p *dbProbe) Duplicates(ctx context.Context, table string, cols []string) (int64, error) {
	if len(cols) == 0 {
		return 0, fmt.Errorf("no columns given for %s", table)
	}
	return p.count(ctx, dialect.CountDuplicatesSQL(p.d, table, cols))
}

// Server is the server's flavour and version, from the dialect's
// QueryFeatures; zero when the dialect does not say.
func (p *dbProbe) Server(ctx context.Context) (Server, error) {
	qd, ok := p.d.(dialect.QueryDialect)
	if !ok {
		return Server{}, nil
	}
	f, err := qd.QueryFeatures(ctx, p.q)
	if err != nil {
		return Server{}, err
	}
	return Server{MariaDB: f.MariaDBComments, Version: f.ServerVersion}, nil
}
