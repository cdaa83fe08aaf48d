package strata_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// checkProblems runs SchemaReport and returns its report, failing the
// test when it is not a *strata.SchemaError.
func checkProblems(t *testing.T, db *strata.DB) *strata.SchemaError {
	t.Helper()
	err := db.SchemaReport(testCtx(t))
	var se *strata.SchemaError
	if !errors.As(err, &se) {
		t.Fatalf("CheckSchema: %v, want a *strata.SchemaError", err)
	}
	return se
}

// oneProblem asserts that the report holds exactly one problem, of kind
// what on table.column, whose fix is fix; it returns the problem.
func oneProblem(t *testing.T, se *strata.SchemaError, what strata.ProblemKind, table, column, fix string) strata.SchemaProblem {
	t.Helper()
	if len(se.Problems) != 1 {
		t.Fatalf("want one problem, got:\n%v", se)
	}
	p := se.Problems[0]
	if p.What != what || p.Table != table || p.Column != column {
		t.Errorf("problem is %q on %s.%s, want %q on %s.%s: %s", p.What, p.Table, p.Column, what, table, column, p)
	}
	if !strings.HasSuffix(p.String(), "with "+fix) {
		t.Errorf("problem:\n%s\nwant its fix:\n%s", p, fix)
	}
	return p
}

// applyFix runs the problem's migration and checks that the database then
// matches the models.
func applyFix(t *testing.T, tg *dialecttest.Target, db *strata.DB, p strata.SchemaProblem) {
	t.Helper()
	if p.Before != nil {
		migrate(t, tg, p.Before)
	}
	migrate(t, tg, p.Op)
	if err := db.SchemaReport(testCtx(t)); err != nil {
		t.Errorf("after the fix of %q:\n%v", p.What, err)
	}
}

func TestCheckSchemaSyncMatches(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		if err := db.SchemaReport(testCtx(t)); err != nil {
			t.Fatalf("Sync's tables do not match the models:\n%v", err)
		}
	})
}

func TestCheckSchemaNullability(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		migrate(t, tg, ddl.ChangeColumn("users", ddl.Column("lastName", schema.String(0)).NotNull()))
		se := checkProblems(t, db)
		p := oneProblem(t, se, strata.ProblemNullability, "users", "lastName",
			`ddl.ChangeColumn("users", ddl.Column("lastName", schema.String(255)))`)
		if p.Want != "NULL" || p.Got != "NOT NULL" || !p.Blocking() || !se.Blocking() {
			t.Errorf("want NULL, got NOT NULL, blocking: %+v", p)
		}
		if want := "column users.lastName of model User is NOT NULL in the database but NULL in the model;"; !strings.HasPrefix(p.String(), want) {
			t.Errorf("problem:\n%s\nwant it to start:\n%s", p, want)
		}
		applyFix(t, tg, db, p)
	})
}

func TestCheckSchemaExtraColumn(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		migrate(t, tg, ddl.AddColumn("users", ddl.Column("nickname", schema.String(0))))
		se := checkProblems(t, db)
		p := oneProblem(t, se, strata.ProblemExtraColumn, "users", "nickname", `ddl.RemoveColumn("users", "nickname")`)
		if p.Blocking() || se.Blocking() {
			t.Errorf("an extra column blocks: %s", p)
		}
		if err := db.CheckSchema(testCtx(t)); err != nil {
			t.Errorf("CheckSchema refuses a database with an extra column: %v", err)
		}
		if want := "column users.nickname is in the database but not in model User (the model is behind; nothing is blocked)"; !strings.HasPrefix(p.String(), want) {
			t.Errorf("problem:\n%s\nwant it to start:\n%s", p, want)
		}
		// The model still reads and writes its table.
		ok(t, strata.Create(testCtx(t), db, &User{LastName: "Extra", Email: "extra@example.com"}))
		applyFix(t, tg, db, p)
	})
}

func TestCheckSchemaDefault(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		migrate(t, tg, ddl.ChangeColumn("products", ddl.Column("stock", schema.Integer()).Default(8)))
		se := checkProblems(t, db)
		p := oneProblem(t, se, strata.ProblemDefault, "products", "stock",
			`ddl.ChangeColumn("products", ddl.Column("stock", schema.Integer()).Default(7))`)
		if p.Want != `schema.Literal("7")` || p.Got != `schema.Literal("8")` {
			t.Errorf("want default 7, got 8: %+v", p)
		}
		applyFix(t, tg, db, p)
		// No default where the model has one.
		migrate(t, tg, ddl.ChangeColumn("products", ddl.Column("stock", schema.Integer())))
		p = oneProblem(t, checkProblems(t, db), strata.ProblemDefault, "products", "stock",
			`ddl.ChangeColumn("products", ddl.Column("stock", schema.Integer()).Default(7))`)
		if p.Got != "none" {
			t.Errorf("want no default in the database: %+v", p)
		}
	})
}

func TestCheckSchemaOnDelete(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		fk := schema.ForeignKeyName("orders", []string{"userId"})
		migrate(t, tg,
			ddl.RemoveConstraint("orders", fk),
			ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.Cascade).WithOnUpdate(schema.Cascade))
		se := checkProblems(t, db)
		p := oneProblem(t, se, strata.ProblemForeignKeyAction, "orders", "userId",
			`ddl.RemoveConstraint("orders", "`+fk+`"), then ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull).WithOnUpdate(schema.Cascade)`)
		if p.Want != "ON DELETE SET NULL ON UPDATE CASCADE" || p.Got != "ON DELETE CASCADE ON UPDATE CASCADE" || p.Association != "User.Orders, User.BigOrders, Order.User" {
			t.Errorf("actions: %+v", p)
		}
		applyFix(t, tg, db, p)
	})
}

func TestCheckSchemaEveryTable(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		migrate(t, tg,
			ddl.ChangeColumn("users", ddl.Column("lastName", schema.String(0)).NotNull()),
			ddl.AddColumn("products", ddl.Column("sku", schema.String(0))),
			ddl.ChangeColumn("samples", ddl.Column("str", schema.String(100)).Default("x")))
		se := checkProblems(t, db)
		var got []string
		for _, p := range se.Problems {
			got = append(got, string(p.What)+" "+p.Table+"."+p.Column)
		}
		want := "nullability users.lastName, extra column products.sku, default samples.str"
		if strings.Join(got, ", ") != want {
			t.Errorf("problems %q, want %s:\n%v", got, want, se)
		}
		if !strings.HasPrefix(se.Error(), "strata: the "+tg.Dialect.Name()+" database does not match the models (3 problems):") {
			t.Errorf("message:\n%v", se)
		}
	})
}

// warnDialect is a dialect whose Inspect reports a construct it could not
// model, as a dialect does for one strata has no schema for.
type warnDialect struct{ dialect.Dialect }

func (d warnDialect) Inspect(ctx context.Context, q dialect.Querier, skip ...string) (*schema.Database, error) {
	db, err := d.Dialect.Inspect(ctx, q, skip...)
	if err != nil {
		return nil, err
	}
	db.Warnings = append(db.Warnings, schema.Warning{Table: "users", Column: "email", Construct: "exclusion constraint", Detail: "EXCLUDE USING gist (email WITH =)"})
	return db, nil
}

func TestCheckSchemaWarnings(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		shop(t, tg)
		db := must(strata.New(tg.DB, warnDialect{tg.Dialect}, strata.WithModels(shopModels...)))(t)
		migrate(t, tg, ddl.AddColumn("orders", ddl.Column("channel", schema.String(0))))
		se := checkProblems(t, db)
		if len(se.Warnings) != 1 || se.Warnings[0].Table != "users" || se.Warnings[0].Column != "email" {
			t.Fatalf("warnings: %+v", se.Warnings)
		}
		if len(se.Problems) != 1 || se.Problems[0].What != strata.ProblemExtraColumn || se.Blocking() {
			t.Errorf("problems besides the warning:\n%v", se)
		}
		if err := db.CheckSchema(testCtx(t)); err != nil {
			t.Errorf("CheckSchema refuses a database over a warning and an extra column: %v", err)
		}
		want := "(1 problem, 1 warning):\n  - column orders.channel is in the database but not in model Order"
		if !strings.Contains(se.Error(), want) || !strings.HasSuffix(se.Error(),
			"\n  - warning: users.email: exclusion constraint (EXCLUDE USING gist (email WITH =)): not modelled by strata; left as the database has it") {
			t.Errorf("message:\n%v", se)
		}
	})
}

// TestCheckSchemaOnUpdateOnly: a foreign key whose ON UPDATE alone differs
// from its association's (a Sequelize migration that left onUpdate out)
// is reported by SchemaReport and blocks nothing.
func TestCheckSchemaOnUpdateOnly(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		fk := schema.ForeignKeyName("orders", []string{"userId"})
		migrate(t, tg,
			ddl.RemoveConstraint("orders", fk),
			ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull))
		se := checkProblems(t, db)
		p := oneProblem(t, se, strata.ProblemForeignKeyAction, "orders", "userId",
			`ddl.RemoveConstraint("orders", "`+fk+`"), then ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull).WithOnUpdate(schema.Cascade)`)
		if p.Blocking() || se.Blocking() {
			t.Errorf("an ON UPDATE difference alone blocks: %s", p)
		}
		if err := db.CheckSchema(testCtx(t)); err != nil {
			t.Errorf("CheckSchema refuses an ON UPDATE difference alone: %v", err)
		}
		// ON DELETE differing as well blocks.
		migrate(t, tg,
			ddl.RemoveConstraint("orders", fk),
			ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.Cascade))
		if err := db.CheckSchema(testCtx(t)); err == nil {
			t.Errorf("CheckSchema accepts ON DELETE CASCADE where the association says SET NULL")
		}
	})
}

// A column the database spells its own way, holding what the model means
// (MySQL's DATETIME(3), SQLite's INT, PostgreSQL's timestamp(3) with time
// zone), matches; one holding other values (INT UNSIGNED, YEAR, numeric)
// is reported and blocks nothing.
func TestCheckSchemaNativeSpellings(t *testing.T) {
	same := map[string]schema.Type{
		"postgres": schema.Native("postgres", "timestamp(3) with time zone"),
		"mysql":    schema.Native("mysql", "datetime(3)"),
		"sqlite":   schema.Native("sqlite", "TIMESTAMP"),
	}
	other := map[string]schema.Type{
		"postgres": schema.Native("postgres", "numeric"),
		"mysql":    schema.Native("mysql", "int unsigned"),
		"sqlite":   schema.Native("sqlite", "YEAR"),
	}
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		name := tg.Dialect.Name()
		migrate(t, tg, ddl.ChangeColumn("products", ddl.Column("createdAt", same[name]).NotNull()))
		if err := db.SchemaReport(testCtx(t)); err != nil {
			t.Errorf("createdAt as %s does not match DATE:\n%v", same[name], err)
		}
		migrate(t, tg, ddl.ChangeColumn("products", ddl.Column("stock", other[name]).Default(7)))
		se := checkProblems(t, db)
		if len(se.Problems) != 1 || se.Problems[0].What != strata.ProblemColumnType || se.Problems[0].Column != "stock" {
			t.Fatalf("want one column type problem on stock:\n%v", se)
		}
		if se.Problems[0].Blocking() {
			t.Errorf("a native type holding other values blocks: %s", se.Problems[0])
		}
		if err := db.CheckSchema(testCtx(t)); err != nil {
			t.Errorf("CheckSchema refuses the database: %v", err)
		}
	})
}
