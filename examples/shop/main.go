// Command shop is the seed's shop as a runnable strata application: users,
// orders and products, with a product_orders join table carrying a
// quantity, served as JSON over HTTP.
//
// On start it migrates its database (a SQLite file by default; --url or
// DATABASE_URL for PostgreSQL or MySQL/MariaDB, creating the database when
// the server has none of that name), seeds demo data once, and listens on
// --addr:
//
//	go run ./examples/shop
//	go run ./examples/shop --url postgres://postgres@127.0.0.1:5432/shop --addr 127.0.0.1:9090
//
// Routes:
//
//	GET    /orders/{id}   the order with its products, each with its quantity
//	PUT    /orders/{id}   {"productId": 2, "quantity": 3} adds a product (order.addProduct);
//	                      again, even from concurrent requests, updates its one join row;
//	                      {"total": "9.50", "products": [{"productId": 2, "quantity": 3}]}
//	                      replaces the order's products and total (order.setProducts)
//	DELETE /orders/{id}   removes the order (and, by cascade, its join rows)
//	GET    /users/{id}    the user with its orders and their products
//	POST   /users         {"firstName", "lastName", "email", "age"}
//	POST   /orders        {"userId", "total"}
//	POST   /products      {"name", "price"}
//
// Errors are JSON, {"error": "…", "fields": [{"field", "rule", "message"}]},
// naming the fields at fault: 400 for a body that does not decode (a
// value of the wrong type, a price or total that is not a JSON number —
// NaN, Infinity and hexadecimal are not), 422 for a value that fails a
// rule or does not fit its column (strata's ValidationError) or that the
// database refused, 409 for a duplicate, 404 for a missing row; 500 only
// when the shop or the database itself fails.
//
// Every write runs in one transaction, run again when it loses a deadlock
// or serialization race to a concurrent request (strata.Retry).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/examples/shop/migrations"
	"github.com/strata-orm/strata/examples/shop/models"
	"github.com/strata-orm/strata/examples/shop/seeders"
	"github.com/strata-orm/strata/migrate"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "shop:", err)
		os.Exit(1)
	}
}

// DefaultURL is where the shop keeps its data when neither --url nor
// DATABASE_URL says otherwise: a SQLite file in the working directory.
const DefaultURL = "sqlite:shop.sqlite3"

// run starts the shop and serves until ctx is done. ready, when not nil, is
// called with the address once the server listens.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("shop", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	url := fs.String("url", "", "the database URL (default $DATABASE_URL, else "+DefaultURL+")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *url == "" {
		*url = getenv("DATABASE_URL")
	}
	if *url == "" {
		*url = DefaultURL
	}

	sqlDB, d, err := openDatabase(ctx, *url, stdout)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	progress := func(e migrate.Event) {
		if e.Kind == migrate.MigrationDone {
			fmt.Fprintf(stdout, "== %s: migrated (%.3fs)\n", e.Name, e.Duration.Seconds())
		}
	}
	m, err := migrate.New(sqlDB, d, migrate.WithGo(migrations.All), migrate.WithObserver(progress))
	if err != nil {
		return err
	}
	if _, err := m.Up(ctx); err != nil {
		return err
	}
	// Seeders have their own history, so the demo data goes in once.
	s, err := migrate.New(sqlDB, d, migrate.WithGo(seeders.All), migrate.WithTable("SequelizeData"),
		migrate.WithIgnoreChecksums(), migrate.WithObserver(progress))
	if err != nil {
		return err
	}
	if _, err := s.Up(ctx); err != nil {
		return err
	}
	db, err := strata.New(sqlDB, d, strata.WithModels(models.All()...))
	if err != nil {
		return err
	}
	// The models and the migrated database must agree before serving.
	if err := db.CheckSchema(ctx); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newServer(db).routes(), ReadHeaderTimeout: 10 * time.Second}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "shop: %s database, listening on %s\n", d.Name(), base)
	fmt.Fprintf(stdout, "try:  curl -s %s/orders/1\n", base)
	fmt.Fprintf(stdout, "      curl -s -X PUT -d '{\"productId\": 2, \"quantity\": 3}' %s/orders/1\n", base)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
