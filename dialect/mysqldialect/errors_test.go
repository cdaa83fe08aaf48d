package mysqldialect_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// TestClassifyLive provokes each kind of error on the live server and
// checks what Classify reads from it.
func TestClassifyLive(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("email", schema.String(20)).NotNull().Unique(),
		),
		ddl.CreateTable("orders",
			ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("userId", schema.Integer()).References("users", "id"),
			ddl.Column("total", schema.Integer()),
		).WithCheck("orders_total_positive", `"total" >= 0`),
	)
	tg.Exec(t, "INSERT INTO users (id, email) VALUES (1, 'ada@example.com')")
	tg.Exec(t, "INSERT INTO orders (id, userId, total) VALUES (1, 1, 5)")

	e := func(kind dialect.ErrorKind, code, table, constraint string, cols ...string) *dialect.Error {
		return &dialect.Error{Kind: kind, Code: code, Table: table, Constraint: constraint, Columns: cols}
	}
	tests := []struct {
		name  string
		query string
		want  *dialect.Error
	}{
		{"unique", "INSERT INTO users (id, email) VALUES (2, 'ada@example.com')", e(dialect.ErrUnique, "1062", "", "users_email_key")},
		{"primary key", "INSERT INTO users (id, email) VALUES (1, 'other@example.com')", e(dialect.ErrUnique, "1062", "", "PRIMARY")},
		{"foreign key on insert", "INSERT INTO orders (id, userId) VALUES (2, 99)", e(dialect.ErrForeignKey, "1452", "orders", "orders_userId_fkey", "userId")},
		{"foreign key on delete", "DELETE FROM users WHERE id = 1", e(dialect.ErrForeignKey, "1451", "orders", "orders_userId_fkey", "userId")},
		{"not null", "INSERT INTO users (id, email) VALUES (3, NULL)", e(dialect.ErrNotNull, "1048", "", "", "email")},
		{"not null without default", "INSERT INTO users (id) VALUES (3)", e(dialect.ErrNotNull, "1364", "", "", "email")},
		{"check", "INSERT INTO orders (id, total) VALUES (3, -1)", e(dialect.ErrCheck, "4025", "orders", "orders_total_positive")},
		{"missing table", "SELECT * FROM customers", e(dialect.ErrNoTable, "1146", "customers", "")},
		{"missing column", "SELECT nickname FROM users", e(dialect.ErrNoColumn, "1054", "", "", "nickname")},
		{"missing qualified column", "SELECT u.nickname FROM users u", e(dialect.ErrNoColumn, "1054", "u", "", "nickname")},
		{"too long", "INSERT INTO users (id, email) VALUES (4, 'a-very-long-address@example.com')", e(dialect.ErrDataTooLong, "1406", "", "", "email")},
		{"out of range", "INSERT INTO orders (id, total) VALUES (5, 99999999999)", e(dialect.ErrOutOfRange, "1264", "", "", "total")},
		{"out of range by arithmetic", "UPDATE orders SET total = total + 2147483647", e(dialect.ErrOutOfRange, "1264", "", "", "total")},
		{"BIGINT arithmetic overflow", "UPDATE orders SET total = total + 9223372036854775807", e(dialect.ErrOutOfRange, "1690", "", "")},
		{"not a number", "INSERT INTO orders (id, total) VALUES (6, 'abc')", e(dialect.ErrBadValue, "1366", "", "", "total")},
		{"not valid text", "UPDATE users SET email = x'ff' WHERE id = 1", e(dialect.ErrBadValue, "1366", "", "", "email")},
		{"table exists", "CREATE TABLE users (id INT)", e(dialect.ErrExists, "1050", "users", "")},
		{"column exists", "ALTER TABLE users ADD COLUMN email INT", e(dialect.ErrExists, "1060", "", "", "email")},
		{"index exists", "CREATE INDEX users_email_key ON users (email)", e(dialect.ErrExists, "1061", "", "users_email_key")},
		{"syntax", "SELEKT 1", e(dialect.ErrSyntax, "1064", "", "")},
	}
	ignore := cmpopts.IgnoreFields(dialect.Error{}, "Message", "Err")
	for _, tt := range tests {
		_, err := tg.DB.ExecContext(t.Context(), tt.query)
		if err == nil {
			t.Errorf("%s: %s succeeded", tt.name, tt.query)
			continue
		}
		got := d.Classify(err)
		if got == nil {
			t.Errorf("%s: Classify(%v) = nil", tt.name, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want, ignore); diff != "" {
			t.Errorf("%s: Classify(%v) (-got +want):\n%s", tt.name, err, diff)
		}
		if got.Message == "" || !errors.Is(got, err) {
			t.Errorf("%s: the classified error lost the driver's: %+v", tt.name, got)
		}
	}

	// ExecAll classifies too, and the kind survives wrapping.
	err := dialect.ExecAll(t.Context(), tg.DB, d, []dialect.Stmt{{SQL: "INSERT INTO users (id, email) VALUES (?, ?)", Args: []any{9, "ada@example.com"}}})
	var de *dialect.Error
	if !errors.As(err, &de) || de.Kind != dialect.ErrUnique {
		t.Errorf("ExecAll duplicate = %v, want a unique violation", err)
	}
	if c := d.Classify(fmt.Errorf("wrapped: %w", err)); c == nil || c.Kind != dialect.ErrUnique {
		t.Errorf("Classify(wrapped) = %v", c)
	}
}

// TestClassifyConnection checks the errors of a server that is not there,
// a wrong password and a missing database.
func TestClassifyConnection(t *testing.T) {
	d := mysqldialect.New()
	server := os.Getenv(dialecttest.EnvMySQL)
	if server == "" {
		t.Skipf("mysql tests skipped: set %s to a server URL to run them", dialecttest.EnvMySQL)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10e9)
	defer cancel()
	tests := []struct {
		name, url string
		kind      dialect.ErrorKind
	}{
		{"no server", "mysql://root@127.0.0.1:1/?timeout=2s", dialect.ErrConnection},
		{"wrong password", "mysql://strata_nobody:wrong@127.0.0.1:3306/", dialect.ErrConnection},
	}
	missing, err := d.DatabaseURL(server, "strata_missing_database")
	if err != nil {
		t.Fatal(err)
	}
	tests = append(tests, struct {
		name, url string
		kind      dialect.ErrorKind
	}{"missing database", missing, dialect.ErrNoDatabase})
	for _, tt := range tests {
		db, err := d.Open(tt.url)
		if err != nil {
			t.Fatalf("%s: Open: %v", tt.name, err)
		}
		err = db.PingContext(ctx)
		db.Close()
		if c := d.Classify(err); c == nil || c.Kind != tt.kind {
			t.Errorf("%s: Classify(%v) = %v, want %s", tt.name, err, c, tt.kind)
		}
	}
}

// TestClassifyMessages covers what MySQL 8 says differently from MariaDB.
func TestClassifyMessages(t *testing.T) {
	d := mysqldialect.New()
	my := func(n uint16, msg string) error { return &mysql.MySQLError{Number: n, Message: msg} }
	tests := []struct {
		err  error
		want *dialect.Error
	}{
		{my(1062, "Duplicate entry 'ada@example.com' for key 'users.users_email_key'"),
			&dialect.Error{Kind: dialect.ErrUnique, Code: "1062", Table: "users", Constraint: "users_email_key"}},
		{my(1062, "Duplicate entry '1' for key 'users.PRIMARY'"),
			&dialect.Error{Kind: dialect.ErrUnique, Code: "1062", Table: "users", Constraint: "users_pkey"}},
		{my(1062, "Duplicate entry 'x\\n'' for key 'k'"),
			&dialect.Error{Kind: dialect.ErrUnique, Code: "1062", Constraint: "k"}},
		{my(3819, "Check constraint 'orders_total_positive' is violated."),
			&dialect.Error{Kind: dialect.ErrCheck, Code: "3819", Constraint: "orders_total_positive"}},
		{my(1452, "Cannot add or update a child row: a foreign key constraint fails (`shop`.`product_orders`, CONSTRAINT `po_fk` FOREIGN KEY (`productId`, `orderId`) REFERENCES `x` (`a`, `b`))"),
			&dialect.Error{Kind: dialect.ErrForeignKey, Code: "1452", Table: "product_orders", Constraint: "po_fk", Columns: []string{"productId", "orderId"}}},
		{my(1213, "Deadlock found when trying to get lock; try restarting transaction"),
			&dialect.Error{Kind: dialect.ErrDeadlock, Code: "1213"}},
		{my(1205, "Lock wait timeout exceeded; try restarting transaction"),
			&dialect.Error{Kind: dialect.ErrDeadlock, Code: "1205"}},
		{my(1049, "Unknown database 'nope'"), &dialect.Error{Kind: dialect.ErrNoDatabase, Code: "1049"}},
		{my(1826, "Duplicate foreign key constraint name 'fk'"), &dialect.Error{Kind: dialect.ErrExists, Code: "1826", Constraint: "fk"}},
		{my(1045, "Access denied for user 'x'@'localhost' (using password: YES)"), &dialect.Error{Kind: dialect.ErrConnection, Code: "1045"}},
		{my(1292, "Incorrect datetime value: 'x'"), &dialect.Error{Kind: dialect.ErrBadValue, Code: "1292"}},
		{my(1366, "Incorrect integer value: 'abc' for column 'q' at row 1"), &dialect.Error{Kind: dialect.ErrBadValue, Code: "1366", Columns: []string{"q"}}},
		{my(1265, "Data truncated for column 'role' at row 1"), &dialect.Error{Kind: dialect.ErrBadValue, Code: "1265", Columns: []string{"role"}}},
		{my(1290, "The MariaDB server is running with the --read-only option so it cannot execute this statement"), &dialect.Error{Kind: dialect.ErrOther, Code: "1290"}},
		{driver.ErrBadConn, &dialect.Error{Kind: dialect.ErrConnection}},
		{mysql.ErrInvalidConn, &dialect.Error{Kind: dialect.ErrConnection}},
	}
	ignore := cmpopts.IgnoreFields(dialect.Error{}, "Message", "Err")
	for _, tt := range tests {
		if diff := cmp.Diff(d.Classify(tt.err), tt.want, ignore); diff != "" {
			t.Errorf("Classify(%v) (-got +want):\n%s", tt.err, diff)
		}
	}
	if c := d.Classify(errors.New("not from the database")); c != nil {
		t.Errorf("Classify(plain error) = %v, want nil", c)
	}
	if c := d.Classify(nil); c != nil {
		t.Errorf("Classify(nil) = %v, want nil", c)
	}
}
