package strata_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Audited writes an audit row from its after-hooks, through the Conn the
// hook is given, and fails the hook named in Fail.
type Audited struct {
	ID    int
	Name  string `strata:",notnull,unique"`
	Score int
	Fail  string `strata:"-"`

	Notes []AuditNote
}

func (Audited) Associate(a *strata.Associations) { a.HasMany(AuditNote{}) }

// AuditNote is what Audited's hooks write; a note is also a child for
// HasMany.Create.
type AuditNote struct {
	ID        int
	AuditedID *int
	Text      string
}

var auditedNotes = strata.HasMany[Audited, AuditNote]("Notes")

func (a *Audited) after(ctx context.Context, c strata.Conn, event string) error {
	if err := strata.Create(ctx, c, &AuditNote{Text: event + " " + a.Name}); err != nil {
		return err
	}
	if a.Fail == event {
		return errors.New("refused by " + event)
	}
	return nil
}

func (a *Audited) AfterCreate(ctx context.Context, c strata.Conn) error {
	return a.after(ctx, c, "AfterCreate")
}

func (a *Audited) AfterUpdate(ctx context.Context, c strata.Conn) error {
	return a.after(ctx, c, "AfterUpdate")
}

func (a *Audited) AfterSave(ctx context.Context, c strata.Conn) error {
	return a.after(ctx, c, "AfterSave")
}

func (a *Audited) AfterDestroy(ctx context.Context, c strata.Conn) error {
	return a.after(ctx, c, "AfterDestroy")
}

// TestAfterHookErrorUndoesTheWrite is issue 12's defect 8: a write and its
// hooks are one unit. An error from an after-hook rolls back the write and
// what the hooks wrote, and leaves the caller's value as it was; inside
// the caller's transaction it rolls back to a savepoint, so the
// transaction goes on.
func TestAfterHookErrorUndoesTheWrite(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(Audited{}, AuditNote{}))
		if err != nil {
			t.Fatal(err)
		}
		ok(t, db.Sync(ctx))
		state := func() string {
			t.Helper()
			var names, notes []string
			for _, a := range must(strata.Find[Audited](db).Order("id").All(ctx))(t) {
				names = append(names, a.Name)
			}
			for _, n := range must(strata.Find[AuditNote](db).Order("id").All(ctx))(t) {
				notes = append(notes, n.Text)
			}
			return fmt.Sprintf("rows %v notes %v", names, notes)
		}
		refused := func(what string, err error, event string) {
			t.Helper()
			var he *strata.HookError
			if !errors.As(err, &he) || !strings.Contains(err.Error(), "refused by "+event) {
				t.Errorf("%s: %v, want the %s hook's error", what, err, event)
			}
		}

		a := Audited{Name: "a", Fail: "AfterCreate"}
		refused("Create", strata.Create(ctx, db, &a), "AfterCreate")
		if a.ID != 0 {
			t.Errorf("Create refused by its hook left the id %d in the value", a.ID)
		}
		if got := state(); got != "rows [] notes []" {
			t.Errorf("after a Create an after-hook refused: %s", got)
		}
		a.Fail = "AfterSave"
		refused("Save (new)", strata.Save(ctx, db, &a), "AfterSave")
		if got := state(); got != "rows [] notes []" {
			t.Errorf("after a Save an after-hook refused: %s", got)
		}

		a.Fail = ""
		ok(t, strata.Create(ctx, db, &a))
		before := state()
		if before != "rows [a] notes [AfterCreate a AfterSave a]" {
			t.Fatalf("after Create: %s", before)
		}
		a.Name, a.Fail = "renamed", "AfterUpdate"
		refused("Update", strata.Update(ctx, db, &a, "Name"), "AfterUpdate")
		if a.Name != "renamed" || state() != before {
			t.Errorf("after an Update an after-hook refused: %s (value %+v)", state(), a)
		}
		a.Fail = "AfterDestroy"
		refused("Destroy", strata.Destroy(ctx, db, &a), "AfterDestroy")
		if state() != before {
			t.Errorf("after a Destroy an after-hook refused: %s", state())
		}
		a.Name, a.Fail = "a", "AfterSave"
		refused("Upsert", strata.Upsert(ctx, db, &Audited{Name: "b", Fail: "AfterSave"}, strata.OnConflict("name")), "AfterSave")
		if state() != before {
			t.Errorf("after an Upsert an after-hook refused: %s", state())
		}
		rows := []Audited{{Name: "c"}, {Name: "d", Fail: "AfterCreate"}}
		refused("BulkCreate", strata.BulkCreate(ctx, db, rows), "AfterCreate")
		if state() != before || rows[0].ID != 0 || rows[1].ID != 0 {
			t.Errorf("after a BulkCreate an after-hook refused: %s, ids %d %d", state(), rows[0].ID, rows[1].ID)
		}

		// A DB-level hook is part of the unit too.
		hdb := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Audited{}, AuditNote{}),
			strata.WithHook(strata.AfterCreate, strata.HookFor(func(ctx context.Context, c strata.Conn, n *AuditNote) error {
				if n.Text == "poison" {
					return errors.New("refused by the DB hook")
				}
				return nil
			}))))(t)
		if err := strata.Create(ctx, hdb, &AuditNote{Text: "poison"}); err == nil || state() != before {
			t.Errorf("a DB-level after-hook's error: %v, then %s", err, state())
		}
		// HasMany.Create: the child and its hooks are one unit.
		child := AuditNote{Text: "poison"}
		if err := auditedNotes.Create(ctx, hdb, &a, &child); err == nil || child.ID != 0 || state() != before {
			t.Errorf("HasMany.Create refused by a hook: %v, id %d, then %s", err, child.ID, state())
		}

		// Create WithAssociations: the row, its children and the hooks are
		// one unit, and every row given is as it was after the rollback
		// (a key left behind would, on SQLite, whose AUTOINCREMENT counter
		// rolls back too, name the next row created).
		w := Audited{Name: "with", Notes: []AuditNote{{Text: "child"}, {Text: "poison"}}}
		if err := strata.Create(ctx, hdb, &w, strata.WithAssociations("Notes")); err == nil {
			t.Errorf("Create WithAssociations with a child its hook refuses succeeded")
		}
		if w.ID != 0 || w.Notes[0].ID != 0 || w.Notes[0].AuditedID != nil || state() != before {
			t.Errorf("after a Create WithAssociations a child's hook refused: %s, row %+v", state(), w)
		}

		// Inside the caller's transaction, the refused write rolls back to a
		// savepoint: the caller's own writes stay and the transaction goes on.
		err = db.Transaction(ctx, func(tx *strata.Tx) error {
			ok(t, strata.Create(ctx, tx, &Audited{Name: "kept"}))
			refused("Create in a transaction", strata.Create(ctx, tx, &Audited{Name: "gone", Fail: "AfterCreate"}), "AfterCreate")
			return strata.Create(ctx, tx, &Audited{Name: "after"})
		})
		ok(t, err)
		if got := state(); got != "rows [a kept after] notes [AfterCreate a AfterSave a AfterCreate kept AfterSave kept AfterCreate after AfterSave after]" {
			t.Errorf("after the transaction: %s", got)
		}
	})
}

// TestBulkCreateIsOneUnit: rows that need more than one statement are
// inserted all or none, hooks or not.
func TestBulkCreateIsOneUnit(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		users := make([]User, 1200)
		for i := range users {
			users[i].Email = fmt.Sprintf("u%d@x.test", i)
		}
		users[1100].Email = users[3].Email // a duplicate in the second statement
		if err := strata.BulkCreate(ctx, db, users); err == nil {
			t.Fatal("BulkCreate with a duplicate email succeeded")
		}
		if n := must(strata.Find[User](db).Count(ctx))(t); n != 0 {
			t.Errorf("a BulkCreate that failed in its second statement left %d rows", n)
		}
		if users[0].ID != 0 {
			t.Errorf("a failed BulkCreate left ids in the rows (%d)", users[0].ID)
		}
		users[1100].Email = "unique@x.test"
		ok(t, strata.BulkCreate(ctx, db, users))
		if n := must(strata.Find[User](db).Count(ctx))(t); n != 1200 {
			t.Errorf("BulkCreate of 1,200 users stored %d", n)
		}
	})
}
