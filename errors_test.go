package strata_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

type Parent struct {
	ID   int
	Name string
}

type Child struct {
	ID       int
	ParentID int `strata:",notnull"`
	Note     string
}

// fkTables creates parents and children, children.parentId referencing
// parents.id, from the models' own CreateTable ops.
func fkTables(t *testing.T, tg *dialecttest.Target, db *strata.DB) {
	t.Helper()
	pm := must(db.Model(Parent{}))(t)
	cm := must(db.Model(Child{}))(t)
	pop := must(pm.CreateTable())(t)
	cop := must(cm.CreateTable())(t)
	for i, c := range cop.Columns {
		if c.Name == "parentId" {
			cop.Columns[i] = c.References("parents", "id")
		}
	}
	live := must(tg.Dialect.Inspect(testCtx(t), tg.DB))(t)
	tg.Apply(t, live, []ddl.Op{pop, cop}...)
}

func TestTypedErrors(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		fkTables(t, tg, db)
		u := User{LastName: "A", Email: "dup@shop.test"}
		if err := strata.Create(ctx, db, &u); err != nil {
			t.Fatal(err)
		}

		t.Run("unique", func(t *testing.T) {
			for name, write := range map[string]func() error{
				"create": func() error { return strata.Create(ctx, db, &User{LastName: "B", Email: "dup@shop.test"}) },
				"bulk":   func() error { return strata.BulkCreate(ctx, db, []User{{LastName: "B", Email: "dup@shop.test"}}) },
				"update": func() error {
					v := User{LastName: "C", Email: "other@shop.test"}
					if err := strata.Create(ctx, db, &v); err != nil {
						return err
					}
					v.Email = "dup@shop.test"
					return strata.Update(ctx, db, &v, "email")
				},
				"raw": func() error {
					_, err := strata.Exec(ctx, db, "INSERT INTO users (email, "+tg.Dialect.Quote("lastName")+", "+tg.Dialect.Quote("createdAt")+", "+tg.Dialect.Quote("updatedAt")+", version) VALUES (?, 'x', ?, ?, 0)", "dup@shop.test", u.CreatedAt, u.CreatedAt)
					return err
				},
			} {
				err := write()
				var ue *strata.UniqueConstraintError
				if !errors.As(err, &ue) {
					t.Errorf("%s: %T %v, want a UniqueConstraintError", name, err, err)
					continue
				}
				if name != "raw" && (len(ue.Fields) != 1 || ue.Fields[0] != "email" || ue.Model != "User") {
					t.Errorf("%s: fields %v model %q", name, ue.Fields, ue.Model)
				}
				if (name == "create" || name == "update") && ue.Values["email"] != "dup@shop.test" {
					t.Errorf("%s: values %v", name, ue.Values)
				}
				var de *strata.DatabaseError
				if !errors.As(err, &de) || de.Kind != dialect.ErrUnique || de.SQL == "" {
					t.Errorf("%s: database error %+v", name, de)
				}
			}
		})
		t.Run("foreign key", func(t *testing.T) {
			err := strata.Create(ctx, db, &Child{ParentID: 12345})
			var fe *strata.ForeignKeyConstraintError
			if !errors.As(err, &fe) {
				t.Fatalf("child of a missing parent: %T %v", err, err)
			}
			p := Parent{Name: "p"}
			if err := strata.Create(ctx, db, &p); err != nil {
				t.Fatal(err)
			}
			if err := strata.Create(ctx, db, &Child{ParentID: p.ID}); err != nil {
				t.Fatal(err)
			}
			err = strata.Destroy(ctx, db, &p)
			if !errors.As(err, &fe) {
				t.Fatalf("parent deleted under its child: %T %v", err, err)
			}
		})
		t.Run("not null", func(t *testing.T) {
			_, err := strata.Find[User](db).Where(strata.Eq("id", u.ID)).Update(ctx, strata.Fields{"email": nil})
			var ne *strata.NotNullError
			if !errors.As(err, &ne) {
				t.Fatalf("NULL email: %T %v", err, err)
			}
			_, err = strata.Exec(ctx, db, "INSERT INTO children ("+tg.Dialect.Quote("parentId")+", note) VALUES (NULL, 'x')")
			if !errors.As(err, &ne) {
				t.Fatalf("NULL parentId: %T %v", err, err)
			}
		})
		t.Run("empty result", func(t *testing.T) {
			_, err := strata.Find[User](db).ByPK(ctx, 424242)
			var ee *strata.EmptyResultError
			if !errors.As(err, &ee) || !errors.Is(err, strata.ErrNotFound) {
				t.Fatalf("%v", err)
			}
		})
		t.Run("database error", func(t *testing.T) {
			_, err := strata.RawAll[int](ctx, db, "SELEKT 1")
			var de *strata.DatabaseError
			if !errors.As(err, &de) || de.Kind != dialect.ErrSyntax || de.SQL != "SELEKT 1" {
				t.Errorf("syntax: %T %v", err, err)
			}
			_, err = strata.RawAll[int](ctx, db, "SELECT id FROM no_such_table")
			if !errors.As(err, &de) || de.Kind != dialect.ErrNoTable {
				t.Errorf("missing table: %v", err)
			}
			var dErr *dialect.Error
			if !errors.As(err, &dErr) || dErr.Err == nil {
				t.Errorf("driver error not wrapped: %v", err)
			}
		})
		t.Run("checked before any sql", func(t *testing.T) {
			start := queries.n.Load()
			for name, run := range map[string]func() error{
				"pk type":  func() error { _, err := strata.Find[User](db).ByPK(ctx, "1 OR 1=1"); return err },
				"pk float": func() error { _, err := strata.Find[User](db).ByPK(ctx, 1.5); return err },
				"order injection": func() error {
					_, err := strata.Find[User](db).Order("email; DROP TABLE users").All(ctx)
					return err
				},
				"order quote": func() error {
					_, err := strata.Find[User](db).Order(`email" DESC, (SELECT 1)`).All(ctx)
					return err
				},
				"select alias": func() error { _, err := strata.Find[User](db).Select(`x" FROM secrets --`).All(ctx); return err },
				"group":        func() error { _, err := strata.Find[User](db).Group("email`").Count(ctx); return err },
				"json where": func() error {
					_, err := strata.Find[User](db).Where(strata.Fields{"email": map[string]any{"$ne": nil}}).All(ctx)
					return err
				},
				"json or": func() error {
					_, err := strata.Find[User](db).Where(strata.Fields{"$or": []any{map[string]any{"id": 1}}}).All(ctx)
					return err
				},
				"empty fields":    func() error { _, err := strata.Find[User](db).Where(strata.Fields{}).All(ctx); return err },
				"global destroy":  func() error { _, err := strata.Find[User](db).Destroy(ctx); return err },
				"zero pk update":  func() error { return strata.Update(ctx, db, &User{Email: "a@b.c"}) },
				"zero pk destroy": func() error { return strata.Destroy(ctx, db, &User{}) },
				"validation":      func() error { return strata.Create(ctx, db, &User{}) },
			} {
				if err := run(); err == nil {
					t.Errorf("%s: no error", name)
				}
			}
			var pe *strata.PKTypeError
			_, err := strata.Find[User](db).ByPK(ctx, "1 OR 1=1")
			if !errors.As(err, &pe) || pe.Want != reflect.TypeFor[int]() {
				t.Errorf("pk type error: %v", err)
			}
			var ce *strata.UnknownColumnError
			_, err = strata.Find[User](db).Select(`x" FROM secrets --`).All(ctx)
			if !errors.As(err, &ce) || ce.Model != "User" {
				t.Errorf("select error: %v", err)
			}
			if n := queries.n.Load() - start; n != 0 {
				t.Errorf("%d statements ran for rejected calls", n)
			}
		})
	})
}
