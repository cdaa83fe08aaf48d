package sqlitedialect_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

func TestClassify(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	db := openFile(t)
	for _, s := range []string{
		`CREATE TABLE "users" ("id" INTEGER PRIMARY KEY, "email" TEXT NOT NULL, "a" INT, "b" INT, "rank" INT,
			CONSTRAINT "users_email_key" UNIQUE ("email"), CONSTRAINT "users_a_b_key" UNIQUE ("a", "b"),
			CONSTRAINT "users_rank_check" CHECK ("rank" > 0))`,
		`CREATE TABLE "posts" ("id" INTEGER PRIMARY KEY, "userId" INTEGER REFERENCES "users" ("id"))`,
		`CREATE TABLE "likes" ("id" INTEGER PRIMARY KEY, "userId" INTEGER REFERENCES "users" ("id") ON DELETE RESTRICT)`,
		`INSERT INTO "users" ("id", "email", "a", "b") VALUES (2, 'r@x', 2, 2)`,
		`INSERT INTO "likes" ("userId") VALUES (2)`,
		`CREATE INDEX "users_rank" ON "users" ("rank")`,
		`INSERT INTO "users" ("id", "email", "a", "b") VALUES (1, 'a@x', 1, 1)`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		sql  string
		want dialect.Error
	}{
		{"unique", `INSERT INTO "users" ("email") VALUES ('a@x')`,
			dialect.Error{Kind: dialect.ErrUnique, Table: "users", Columns: []string{"email"}, Code: "2067", Message: "UNIQUE constraint failed: users.email"}},
		{"unique pair", `INSERT INTO "users" ("email", "a", "b") VALUES ('b@x', 1, 1)`,
			dialect.Error{Kind: dialect.ErrUnique, Table: "users", Columns: []string{"a", "b"}, Code: "2067", Message: "UNIQUE constraint failed: users.a, users.b"}},
		{"primary key", `INSERT INTO "users" ("id", "email") VALUES (1, 'c@x')`,
			dialect.Error{Kind: dialect.ErrUnique, Table: "users", Columns: []string{"id"}, Code: "1555", Message: "UNIQUE constraint failed: users.id"}},
		{"foreign key", `INSERT INTO "posts" ("userId") VALUES (42)`,
			dialect.Error{Kind: dialect.ErrForeignKey, Code: "787", Message: "FOREIGN KEY constraint failed"}},
		{"foreign key restrict", `DELETE FROM "users" WHERE "id" = 2`,
			dialect.Error{Kind: dialect.ErrForeignKey, Code: "1811", Message: "FOREIGN KEY constraint failed"}},
		{"not null", `INSERT INTO "users" ("email") VALUES (NULL)`,
			dialect.Error{Kind: dialect.ErrNotNull, Table: "users", Columns: []string{"email"}, Code: "1299", Message: "NOT NULL constraint failed: users.email"}},
		{"check", `INSERT INTO "users" ("email", "rank") VALUES ('d@x', -1)`,
			dialect.Error{Kind: dialect.ErrCheck, Constraint: "users_rank_check", Code: "275", Message: "CHECK constraint failed: users_rank_check"}},
		{"no table", `SELECT * FROM "customers"`,
			dialect.Error{Kind: dialect.ErrNoTable, Table: "customers", Code: "1", Message: "no such table: customers"}},
		{"no column", `SELECT "nope" FROM "users"`,
			dialect.Error{Kind: dialect.ErrNoColumn, Columns: []string{"nope"}, Code: "1", Message: `no such column: "nope" - should this be a string literal in single-quotes?`}},
		{"no column, bare", `SELECT nope FROM "users"`,
			dialect.Error{Kind: dialect.ErrNoColumn, Columns: []string{"nope"}, Code: "1", Message: "no such column: nope"}},
		{"no qualified column", `SELECT u."nope" FROM "users" u`,
			dialect.Error{Kind: dialect.ErrNoColumn, Table: "u", Columns: []string{"nope"}, Code: "1", Message: "no such column: u.nope"}},
		{"no column to insert", `INSERT INTO "users" ("nope") VALUES (1)`,
			dialect.Error{Kind: dialect.ErrNoColumn, Table: "users", Columns: []string{"nope"}, Code: "1", Message: "table users has no column named nope"}},
		{"table exists", `CREATE TABLE "users" ("x" INT)`,
			dialect.Error{Kind: dialect.ErrExists, Code: "1", Message: "table \"users\" already exists"}},
		{"index exists", `CREATE INDEX "users_rank" ON "users" ("a")`,
			dialect.Error{Kind: dialect.ErrExists, Code: "1", Message: "index users_rank already exists"}},
		{"column exists", `ALTER TABLE "users" ADD COLUMN "email" TEXT`,
			dialect.Error{Kind: dialect.ErrExists, Code: "1", Message: "duplicate column name: email"}},
		{"syntax", `SELEC 1`,
			dialect.Error{Kind: dialect.ErrSyntax, Code: "1", Message: `near "SELEC": syntax error`}},
		{"incomplete", `SELECT (1`,
			dialect.Error{Kind: dialect.ErrSyntax, Code: "1", Message: `incomplete input`}},
		{"too big", `SELECT zeroblob(2000000000)`,
			dialect.Error{Kind: dialect.ErrDataTooLong, Code: "18", Message: "string or blob too big"}},
		{"integer overflow", `SELECT abs(-9223372036854775807 - 1)`,
			dialect.Error{Kind: dialect.ErrOutOfRange, Code: "1", Message: "integer overflow"}},
	}
	ignore := cmpopts.IgnoreFields(dialect.Error{}, "Err")
	for _, tt := range tests {
		_, err := db.ExecContext(ctx, tt.sql)
		if err == nil {
			t.Errorf("%s: %s succeeded", tt.name, tt.sql)
			continue
		}
		got := d.Classify(fmt.Errorf("wrapped: %w", err))
		if got == nil {
			t.Errorf("%s: Classify(%v) = nil", tt.name, err)
			continue
		}
		if diff := cmp.Diff(*got, tt.want, ignore); diff != "" {
			t.Errorf("%s: Classify(%v) (-got +want):\n%s", tt.name, err, diff)
		}
		if !errors.Is(got, err) {
			t.Errorf("%s: the classified error does not wrap the driver's", tt.name)
		}
	}
}

func TestClassifyBusy(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	db := openFile(t)
	holder, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 10"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "PRAGMA busy_timeout = 5000")
	_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	got := d.Classify(err)
	if got == nil || got.Kind != dialect.ErrDeadlock {
		t.Fatalf("Classify(%v) = %v, want a deadlock (retry)", err, got)
	}
}

func TestClassifyOthers(t *testing.T) {
	d := sqlitedialect.New()
	for _, err := range []error{nil, io.EOF, context.Canceled, sql.ErrNoRows} {
		if got := d.Classify(err); got != nil {
			t.Errorf("Classify(%v) = %v, want nil", err, got)
		}
	}
	own := &dialect.Error{Kind: dialect.ErrForeignKey, Message: "from CheckDDL"}
	if got := d.Classify(fmt.Errorf("x: %w", own)); got != own {
		t.Errorf("Classify(wrapped *dialect.Error) = %v, want it back", got)
	}
	// A file that cannot be opened is a connection error.
	db, err := d.Open("sqlite:" + filepath.Join(t.TempDir(), "missing", "dir", "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Ping()
	if got := d.Classify(err); got == nil || got.Kind != dialect.ErrConnection {
		t.Errorf("Classify(%v) = %v, want a connection error", err, got)
	}
}
