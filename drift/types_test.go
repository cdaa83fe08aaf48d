package drift_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// movie uses a PostgreSQL enum type and a domain it cannot make, and a
// built-in native type.
type movie struct {
	ID     int
	Rating *string `strata:",type=NATIVE(postgres,'mpaa_rating')"`
	Year   *int    `strata:",type=NATIVE(postgres,'year')"`
	Words  *string `strata:",type=NATIVE(postgres,'tsvector')"`
}

func (movie) TableName() string { return "movies" }

// typesHistory makes the two types movie needs.
func typesHistory() migrate.Registry {
	obj := func(k schema.ObjectKind, name, def string) schema.Object {
		return schema.Object{Kind: k, Name: name, Dialect: "postgres", Definition: def}
	}
	return migrate.Registry{{Name: "20260101000000-types", Up: []ddl.Op{
		ddl.CreateObject(obj(schema.ObjectType, "mpaa_rating", "CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'R')")),
		ddl.CreateObject(obj(schema.ObjectDomain, "year", "CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)")),
	}, Down: []ddl.Op{ddl.DropObject(schema.ObjectDomain, "year"), ddl.DropObject(schema.ObjectType, "mpaa_rating")}}}
}

// TestGenerateStopsOnMissingTypes: against an empty history, --auto
// refuses a model whose columns name types nothing makes, one error per
// column naming the model, the column, the type and the fix; once a
// migration makes them, it writes the table.
func TestGenerateStopsOnMissingTypes(t *testing.T) {
	_, err := drift.Generate(drift.Project{Models: []any{movie{}}, Dialect: pgdialect.New()}, drift.GenerateOptions{})
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var mt *drift.MissingTypeError
		if !errors.As(e, &mt) {
			t.Fatalf("%T: %v", e, e)
		}
		got = append(got, mt.Table+"."+mt.Column+":"+mt.Type)
		for _, part := range []string{"model movie", "movies." + mt.Column, "type " + mt.Type, "migration:baseline", "CREATE TYPE " + mt.Type} {
			if !strings.Contains(e.Error(), part) {
				t.Errorf("%q lacks %q", e, part)
			}
		}
	}
	if strings.Join(got, " ") != "movies.rating:mpaa_rating movies.year:year" {
		t.Errorf("errors for %v, want movies.rating:mpaa_rating movies.year:year (tsvector is built in)", got)
	}
	// The project's database is another (the strata command passes every
	// dialect in Dialects): the type still names PostgreSQL's.
	if _, err := drift.Generate(drift.Project{Models: []any{movie{}}, Dialect: sqlitedialect.New(), Dialects: []dialect.Dialect{pgdialect.New()}}, drift.GenerateOptions{}); !errors.As(err, new(*drift.MissingTypeError)) {
		t.Errorf("on a SQLite project: %v", err)
	}
	res, err := drift.Generate(drift.Project{Models: []any{movie{}}, Dialect: pgdialect.New(), Migrations: []migrate.Option{migrate.WithGo(typesHistory())}}, drift.GenerateOptions{})
	if err != nil || len(res.Up) != 1 {
		t.Fatalf("with the types made first: %v, %d ops", err, len(res.Up))
	}
}

// TestGenerateMissingTypesLive: the migration --auto writes once the
// types are made runs on PostgreSQL; on the other dialects a native type
// of their own (no types to make) never stops it.
func TestGenerateMissingTypesLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		if tg.Dialect.Name() != "postgres" {
			if _, ok := tg.Dialect.(dialect.TypeNames); ok {
				t.Fatalf("%s has no types of its own to make", tg.Dialect.Name())
			}
			res, err := drift.Generate(drift.Project{Models: []any{nativeOf(tg.Dialect.Name())}, Dialect: tg.Dialect}, drift.GenerateOptions{})
			if err != nil || len(res.Up) != 1 {
				t.Fatalf("%v, %v", err, res)
			}
			run(t, ctx, tg, res.Up)
			return
		}
		reg := typesHistory()
		res, err := drift.Generate(drift.Project{Models: []any{movie{}}, Dialect: tg.Dialect, Migrations: []migrate.Option{migrate.WithGo(reg)}}, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		run(t, ctx, tg, append(append([]ddl.Op{}, reg[0].Up...), res.Up...))
		if got := tg.Strings(t, `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'movies'::regclass AND attname IN ('rating', 'year') ORDER BY attname`); strings.Join(got, ",") != "mpaa_rating,year" {
			t.Errorf("column types %v", got)
		}
	})
}

type sqliteNative struct {
	ID int
	N  *int64 `strata:",type=NATIVE(sqlite,'INT')"`
}

func (sqliteNative) TableName() string { return "natives" }

type mysqlNative struct {
	ID int
	N  *int64 `strata:",type=NATIVE(mysql,'int(10) unsigned')"`
}

func (mysqlNative) TableName() string { return "natives" }

func nativeOf(d string) any {
	if d == "mysql" {
		return mysqlNative{}
	}
	return sqliteNative{}
}

// run renders and runs ops on tg.
func run(t *testing.T, ctx context.Context, tg *dialecttest.Target, ops []ddl.Op) {
	t.Helper()
	cur := tg.Dialect.Canonical(&schema.Database{})
	for _, op := range ops {
		stmts, err := tg.Dialect.Render(op, cur)
		if err == nil {
			err = dialect.ExecAll(ctx, tg.DB, tg.Dialect, stmts)
		}
		if err == nil {
			err = op.Apply(cur)
		}
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
	}
}
