// Package target creates the databases the benchmarks run on: a new database
// per run on each server (or a new SQLite file), the shop's tables, and the
// seeded rows; and drops it when the run ends.
package target

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"

	"github.com/strata-orm/strata/bench/shop"
)

// Kind is a database product.
type Kind string

// The databases the suite runs on.
const (
	Postgres Kind = "postgres"
	MySQL    Kind = "mysql" // MySQL or MariaDB
	SQLite   Kind = "sqlite"
)

// Kinds lists every Kind in report order.
func Kinds() []Kind { return []Kind{Postgres, SQLite, MySQL} }

// Title is the Kind's name for people.
func (k Kind) Title() string {
	switch k {
	case Postgres:
		return "PostgreSQL"
	case MySQL:
		return "MariaDB"
	case SQLite:
		return "SQLite"
	}
	return string(k)
}

// Environment variables naming the servers, as in strata's own tests.
const (
	EnvPostgres = "STRATA_TEST_POSTGRES" // e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
	EnvMySQL    = "STRATA_TEST_MYSQL"    // e.g. mysql://root@127.0.0.1:3306/
)

// Env is the environment variable naming k's server, or "" for SQLite.
func (k Kind) Env() string {
	switch k {
	case Postgres:
		return EnvPostgres
	case MySQL:
		return EnvMySQL
	}
	return ""
}

// DB is one seeded database of the run.
type DB struct {
	Kind Kind
	// Driver and DSN open it with database/sql: "pgx" and a URL,
	// "mysql" and a go-sql-driver DSN (parseTime=true), "sqlite" and a
	// modernc.org/sqlite file name with its pragmas (WAL, synchronous=NORMAL).
	Driver, DSN string
	// URL is the database as strata (and its CLI) names it:
	// postgres://…, mysql://…, sqlite:path.
	URL string
	// Version is what the server says its version is.
	Version string

	admin *sql.DB // the server's admin connection (nil for SQLite)
	name  string  // the database name, or the SQLite directory
}

// Open opens a new pool on the database with database/sql.
func (d *DB) Open() (*sql.DB, error) {
	db, err := sql.Open(d.Driver, d.DSN)
	if err != nil {
		return nil, fmt.Errorf("target: open %s: %w", d.Kind, err)
	}
	return db, nil
}

// Create makes a new database of kind k (on the server serverURL names; in a
// new temporary directory for SQLite), creates the shop's tables and seeds
// them. Drop removes it.
func Create(ctx context.Context, k Kind, serverURL string) (_ *DB, err error) {
	d, err := CreateEmpty(ctx, k, serverURL)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, d.Drop(context.WithoutCancel(ctx)))
		}
	}()
	db, err := d.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := createTables(ctx, db, k); err != nil {
		return nil, err
	}
	if err := seed(ctx, db, k); err != nil {
		return nil, err
	}
	return d, nil
}

// CreateEmpty makes a new database of kind k with no tables. Drop removes
// it.
func CreateEmpty(ctx context.Context, k Kind, serverURL string) (_ *DB, err error) {
	d := &DB{Kind: k}
	switch k {
	case Postgres:
		err = d.createPostgres(ctx, serverURL)
	case MySQL:
		err = d.createMySQL(ctx, serverURL)
	case SQLite:
		err = d.createSQLite()
	default:
		return nil, fmt.Errorf("target: unknown database %q: use postgres, mysql or sqlite", k)
	}
	if err != nil {
		return nil, err
	}
	db, err := d.Open()
	if err == nil {
		err = db.QueryRowContext(ctx, versionQuery[k]).Scan(&d.Version)
		db.Close()
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("target: %s version: %w", k, err), d.Drop(context.WithoutCancel(ctx)))
	}
	return d, nil
}

var versionQuery = map[Kind]string{
	Postgres: "SHOW server_version",
	MySQL:    "SELECT VERSION()",
	SQLite:   "SELECT sqlite_version()",
}

// Drop removes the database and closes the admin connection.
func (d *DB) Drop(ctx context.Context) error {
	switch d.Kind {
	case SQLite:
		if d.name == "" {
			return nil
		}
		return os.RemoveAll(d.name)
	case Postgres:
		defer d.admin.Close()
		if _, err := d.admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+d.name+`" WITH (FORCE)`); err != nil {
			return fmt.Errorf("target: drop postgres database %s: %w", d.name, err)
		}
	case MySQL:
		defer d.admin.Close()
		if _, err := d.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+d.name+"`"); err != nil {
			return fmt.Errorf("target: drop mysql database %s: %w", d.name, err)
		}
	}
	return nil
}

// Trim deletes the users the write scenarios inserted (every id past the
// seeded ones), so a run's writes do not grow the tables the next run reads.
func (d *DB) Trim(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, fmt.Sprintf("DELETE FROM users WHERE id > %d", shop.Users)); err != nil {
		return fmt.Errorf("target: trim inserted users on %s: %w", d.Kind, err)
	}
	return nil
}

func newName() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "strata_bench_" + hex.EncodeToString(b[:])
}

func (d *DB) createPostgres(ctx context.Context, serverURL string) error {
	if serverURL == "" {
		return fmt.Errorf("target: no PostgreSQL server: set %s to its URL, e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", EnvPostgres)
	}
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("target: %s=%q is not a postgres:// URL", EnvPostgres, serverURL)
	}
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return fmt.Errorf("target: open postgres server: %w", err)
	}
	d.name = newName()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+d.name+`"`); err != nil {
		admin.Close()
		return fmt.Errorf("target: create postgres database (server %s): %w", u.Redacted(), err)
	}
	d.admin = admin
	u.Path = "/" + d.name
	d.Driver, d.DSN, d.URL = "pgx", u.String(), u.String()
	return nil
}

func (d *DB) createMySQL(ctx context.Context, serverURL string) error {
	if serverURL == "" {
		return fmt.Errorf("target: no MySQL/MariaDB server: set %s to its URL, e.g. mysql://root@127.0.0.1:3306/", EnvMySQL)
	}
	cfg, err := mysqlConfig(serverURL)
	if err != nil {
		return err
	}
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return fmt.Errorf("target: open mysql server: %w", err)
	}
	d.name = newName()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+d.name+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		admin.Close()
		return fmt.Errorf("target: create mysql database (server %s): %w", cfg.Addr, err)
	}
	d.admin = admin
	cfg.DBName = d.name
	d.Driver, d.DSN = "mysql", cfg.FormatDSN()
	su, _ := url.Parse(serverURL)
	su.Path, su.RawQuery = "/"+d.name, ""
	d.URL = su.String()
	return nil
}

// mysqlConfig turns mysql://user:pass@host:port/ into go-sql-driver's
// configuration, with parseTime so DATETIME columns scan into time.Time.
func mysqlConfig(serverURL string) (*mysql.Config, error) {
	u, err := url.Parse(serverURL)
	if err != nil || u.Scheme != "mysql" || u.Host == "" {
		return nil, fmt.Errorf("target: %s=%q is not a mysql://user@host:port/ URL", EnvMySQL, serverURL)
	}
	cfg := mysql.NewConfig()
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if !strings.Contains(u.Host, ":") {
		cfg.Addr += ":3306"
	}
	cfg.ParseTime = true
	return cfg, nil
}

func (d *DB) createSQLite() error {
	dir, err := os.MkdirTemp("", "strata-bench-")
	if err != nil {
		return fmt.Errorf("target: sqlite directory: %w", err)
	}
	d.name = dir
	d.Driver = "sqlite"
	// The same durability setting for strata as for the other libraries.
	d.URL = "sqlite:" + filepath.Join(dir, "shop.db") + "?_pragma=synchronous(NORMAL)"
	d.DSN = filepath.Join(dir, "shop.db") + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	return nil
}
