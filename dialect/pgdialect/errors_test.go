package pgdialect_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// TestClassify provokes real errors on a live database and checks what
// Classify makes of them.
func TestClassify(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	tg.Apply(t, cur, testshop.Ops()...)
	tg.Apply(t, cur, ddl.AddCheck("orders", "orders_total_positive", `"total" >= 0`),
		ddl.AddUnique("users", "firstName", "lastName"))
	tg.Exec(t, `INSERT INTO users ("firstName", "lastName", email, "createdAt", "updatedAt")
		VALUES ('Ada', 'Lovelace', 'ada@example.com', now(), now())`)

	tests := []struct {
		name string
		sql  string
		want dialect.Error
	}{
		{"unique, one column", `INSERT INTO users (email, "createdAt", "updatedAt") VALUES ('ada@example.com', now(), now())`,
			dialect.Error{Kind: dialect.ErrUnique, Table: "users", Columns: []string{"email"}, Constraint: "users_email_key", Code: "23505",
				Message: `duplicate key value violates unique constraint "users_email_key"`}},
		{"unique, two quoted columns", `INSERT INTO users ("firstName", "lastName", email, "createdAt", "updatedAt") VALUES ('Ada', 'Lovelace', 'x@example.com', now(), now())`,
			dialect.Error{Kind: dialect.ErrUnique, Table: "users", Columns: []string{"firstName", "lastName"}, Constraint: "users_firstName_lastName_key", Code: "23505",
				Message: `duplicate key value violates unique constraint "users_firstName_lastName_key"`}},
		{"foreign key", `INSERT INTO orders ("userId", "createdAt", "updatedAt") VALUES (99, now(), now())`,
			dialect.Error{Kind: dialect.ErrForeignKey, Table: "orders", Columns: []string{"userId"}, Constraint: "orders_userId_fkey", Code: "23503",
				Message: `insert or update on table "orders" violates foreign key constraint "orders_userId_fkey"`}},
		{"not null", `INSERT INTO users ("createdAt", "updatedAt") VALUES (now(), now())`,
			dialect.Error{Kind: dialect.ErrNotNull, Table: "users", Columns: []string{"email"}, Code: "23502",
				Message: `null value in column "email" of relation "users" violates not-null constraint`}},
		{"check", `INSERT INTO orders (total, "createdAt", "updatedAt") VALUES (-1, now(), now())`,
			dialect.Error{Kind: dialect.ErrCheck, Table: "orders", Constraint: "orders_total_positive", Code: "23514",
				Message: `new row for relation "orders" violates check constraint "orders_total_positive"`}},
		{"missing table", `SELECT * FROM customers`,
			dialect.Error{Kind: dialect.ErrNoTable, Table: "customers", Code: "42P01", Message: `relation "customers" does not exist`}},
		{"missing column", `SELECT nickname FROM users`,
			dialect.Error{Kind: dialect.ErrNoColumn, Columns: []string{"nickname"}, Code: "42703", Message: `column "nickname" does not exist`}},
		{"missing column of a relation", `UPDATE users SET nickname = 'x'`,
			dialect.Error{Kind: dialect.ErrNoColumn, Table: "users", Columns: []string{"nickname"}, Code: "42703",
				Message: `column "nickname" of relation "users" does not exist`}},
		{"table exists", `CREATE TABLE users (id integer)`,
			dialect.Error{Kind: dialect.ErrExists, Code: "42P07", Message: `relation "users" already exists`}},
		{"column exists", `ALTER TABLE users ADD COLUMN email text`,
			dialect.Error{Kind: dialect.ErrExists, Code: "42701", Message: `column "email" of relation "users" already exists`}},
		{"syntax", `SELEC 1`,
			dialect.Error{Kind: dialect.ErrSyntax, Code: "42601", Message: `syntax error at or near "SELEC"`}},
		{"too long", `UPDATE users SET "firstName" = repeat('x', 300)`,
			dialect.Error{Kind: dialect.ErrDataTooLong, Code: "22001", Message: `value too long for type character varying(255)`}},
		{"decimal overflow", `INSERT INTO orders (total, "createdAt", "updatedAt") VALUES (123456789012.345, now(), now())`,
			dialect.Error{Kind: dialect.ErrOutOfRange, Code: "22003", Message: `numeric field overflow`}},
		{"integer overflow", `SELECT 2147483647::integer + 1`,
			dialect.Error{Kind: dialect.ErrOutOfRange, Code: "22003", Message: `integer out of range`}},
		{"not a number", `UPDATE orders SET total = 'abc'`,
			dialect.Error{Kind: dialect.ErrBadValue, Code: "22P02", Message: `invalid input syntax for type numeric: "abc"`}},
		{"not a UUID", `SELECT 'nope'::uuid`,
			dialect.Error{Kind: dialect.ErrBadValue, Code: "22P02", Message: `invalid input syntax for type uuid: "nope"`}},
		{"NUL in text", `SELECT convert_from('\x6100'::bytea, 'UTF8')`,
			dialect.Error{Kind: dialect.ErrBadValue, Code: "22021", Message: `invalid byte sequence for encoding "UTF8": 0x00`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tg.DB.ExecContext(context.Background(), tt.sql)
			if err == nil {
				t.Fatalf("%s: no error", tt.sql)
			}
			got := d.Classify(err)
			if got == nil {
				t.Fatalf("Classify(%v) = nil", err)
			}
			if !errors.Is(got, err) {
				t.Errorf("Classify(%v) does not wrap the driver's error", err)
			}
			if diff := cmp.Diff(*got, tt.want, cmpopts.IgnoreFields(dialect.Error{}, "Err")); diff != "" {
				t.Errorf("Classify(%v) (-got +want):\n%s", err, diff)
			}
		})
	}
}

// pgx refuses to encode an argument beyond its parameter's range before
// the statement is sent: out of range too, as the server would say.
func TestClassifyEncodeOutOfRange(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	for _, arg := range []any{int64(2147483648), int64(-2147483649), uint64(1 << 63)} {
		_, err := tg.DB.ExecContext(context.Background(), "SELECT $1::integer", arg)
		got := d.Classify(err)
		if got == nil || got.Kind != dialect.ErrOutOfRange || !errors.Is(got, err) {
			t.Errorf("Classify(%v) = %+v, want a value-out-of-range error", err, got)
		}
	}
	_, err := tg.DB.ExecContext(context.Background(), "SELECT $1::integer", "abc")
	if got := d.Classify(err); got == nil || got.Kind != dialect.ErrBadValue {
		t.Errorf("Classify(%v) = %+v, want an invalid-value error", err, got)
	}
}

// ExecAll hands the classified error to the caller.
func TestClassifyThroughExecAll(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	err := dialect.ExecAll(context.Background(), tg.DB, d, []dialect.Stmt{{SQL: "DROP TABLE nothing_here"}})
	var de *dialect.Error
	if !errors.As(err, &de) || de.Kind != dialect.ErrNoTable || de.Table != "nothing_here" {
		t.Fatalf("ExecAll error = %v, want a missing-table error naming nothing_here", err)
	}
}

func TestClassifyConnection(t *testing.T) {
	d := pgdialect.New()
	url, err := d.DatabaseURL(serverURL(t), "strata_no_such_database")
	if err != nil {
		t.Fatal(err)
	}
	db, err := d.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.PingContext(context.Background())
	got := d.Classify(err)
	if got == nil || got.Kind != dialect.ErrNoDatabase || got.Code != "3D000" {
		t.Errorf("Classify(%v) = %+v, want a missing-database error", err, got)
	}

	db, err = d.Open("postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.PingContext(context.Background())
	if got := d.Classify(err); got == nil || got.Kind != dialect.ErrConnection {
		t.Errorf("Classify(%v) = %+v, want a connection error", err, got)
	}
}

func TestClassifyOther(t *testing.T) {
	d := pgdialect.New()
	if got := d.Classify(nil); got != nil {
		t.Errorf("Classify(nil) = %v", got)
	}
	if got := d.Classify(fmt.Errorf("not from the database")); got != nil {
		t.Errorf("Classify(plain error) = %v", got)
	}
}

func TestKeyColumns(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`Key (email)=(ada@example.com) already exists.`, []string{"email"}},
		{`Key ("firstName", "lastName")=(Ada, Lovelace) already exists.`, []string{"firstName", "lastName"}},
		{`Key ("a""b", c)=(1, 2) already exists.`, []string{`a"b`, "c"}},
		{`Key (lower(email::text))=(ada@example.com) already exists.`, []string{"lower(email::text)"}},
		{`Key ("userId")=(99) is not present in table "users".`, []string{"userId"}},
		{`Failing row contains (1, 2).`, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(pgdialect.KeyColumns(tt.in), tt.want); diff != "" {
			t.Errorf("KeyColumns(%q) (-got +want):\n%s", tt.in, diff)
		}
	}
}
