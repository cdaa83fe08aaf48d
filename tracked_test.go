package strata_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Subscriber is a tracked model: strata remembers what each row held.
type Subscriber struct {
	strata.Tracked
	ID        int
	Email     string
	Name      string
	Slug      string
	Nick      *string
	Visits    int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// BeforeSave derives Slug from Name, so a Save of a changed Name writes
// Slug too.
func (m *Subscriber) BeforeSave(context.Context, strata.Conn) error {
	m.Slug = strings.ToLower(m.Name)
	return nil
}

// sqlLog records the SQL strata runs.
type sqlLog struct {
	mu  sync.Mutex
	sql []string
}

func (s *sqlLog) hook() strata.QueryHook {
	return strata.QueryHookFunc(func(_ context.Context, e *strata.QueryEvent) {
		s.mu.Lock()
		s.sql = append(s.sql, e.SQL)
		s.mu.Unlock()
	})
}

func (s *sqlLog) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.sql
	s.sql = nil
	return out
}

// updates are the UPDATE sqlLog among sql.
func updates(sql []string) []string {
	var out []string
	for _, s := range sql {
		if strings.HasPrefix(s, "UPDATE") {
			out = append(out, s)
		}
	}
	return out
}

func memberDB(t *testing.T, tg *dialecttest.Target, st *sqlLog) *strata.DB {
	t.Helper()
	db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(Subscriber{}), strata.WithQueryHook(st.hook()))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	return db
}

// A tracked row knows which fields changed since strata read or wrote
// it and their previous values, and Save writes only those: a row read
// with Select never has the columns it did not read overwritten.
func TestTrackedChanges(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		st := &sqlLog{}
		db := memberDB(t, tg, st)
		m := &Subscriber{Email: "ann@example.com", Name: "Ann", Nick: ptr("annie")}
		if strata.Remembered(m) {
			t.Fatal("a new row is remembered")
		}
		if err := strata.Create(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		if got := strata.Changed(m); got != nil || !strata.Remembered(m) {
			t.Fatalf("after Create: changed %v, remembered %v", got, strata.Remembered(m))
		}
		m.Name = "Anna"
		*m.Nick = "nan" // changed in place, through the pointer
		if got := fmt.Sprint(strata.Changed(m)); got != "[Name Nick]" {
			t.Errorf("Changed = %s, want [Name Nick]", got)
		}
		if prev, ok, err := strata.Previous(m, "name"); err != nil || !ok || prev != "Ann" {
			t.Errorf("Previous(name) = %v, %v, %v; want Ann", prev, ok, err)
		}
		if prev, ok, _ := strata.Previous(m, "Nick"); !ok || *(prev.(*string)) != "annie" {
			t.Errorf("Previous(Nick) = %v, want annie", prev)
		}
		if _, _, err := strata.Previous(m, "nope"); err == nil {
			t.Error("Previous of an unknown field: no error")
		}
		st.take()
		if err := strata.Save(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		up := updates(st.take())
		if len(up) != 1 || !strings.Contains(up[0], "name") || !strings.Contains(up[0], "slug") || !strings.Contains(up[0], "nick") || strings.Contains(up[0], "email") || strings.Contains(up[0], "visits") {
			t.Errorf("Save wrote %q, want name, nick and the hook's slug only", up)
		}
		if strata.Changed(m) != nil {
			t.Errorf("after Save: changed %v", strata.Changed(m))
		}
		// Nothing changed: no statement at all.
		if err := strata.Save(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		if got := st.take(); len(got) != 0 {
			t.Errorf("Save of an unchanged row ran %q", got)
		}

		// A row read with Select: Save writes what changed, not the zero
		// values of the columns it did not read.
		part, err := strata.Find[Subscriber](db).Select("id", "visits").Where(strata.Eq("id", m.ID)).One(ctx)
		if err != nil {
			t.Fatal(err)
		}
		part.Visits = 5
		if err := strata.Save(ctx, db, part); err != nil {
			t.Fatal(err)
		}
		got, err := strata.Find[Subscriber](db).ByPK(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Email != "ann@example.com" || got.Name != "Anna" || got.Visits != 5 {
			t.Errorf("after saving a partial row: %+v; email and name must be kept", *got)
		}

		// Rows of All, Each and ByPK are remembered; Increment merges.
		all, err := strata.Find[Subscriber](db).All(ctx)
		if err != nil || len(all) != 1 || !strata.Remembered(&all[0]) {
			t.Fatalf("All: %v remembered=%v", err, len(all) == 1 && strata.Remembered(&all[0]))
		}
		for row, err := range strata.Find[Subscriber](db).Each(ctx) {
			if err != nil || !strata.Remembered(row) {
				t.Fatalf("Each: %v, remembered %v", err, err == nil && strata.Remembered(row))
			}
		}
		if err := strata.Increment(ctx, db, got, strata.Fields{"visits": 2}); err != nil {
			t.Fatal(err)
		}
		if got.Visits != 7 || strata.Changed(got) != nil {
			t.Errorf("after Increment: visits %d, changed %v", got.Visits, strata.Changed(got))
		}

		// A changed key is refused: the UPDATE would find another row.
		got.ID++
		got.Name = "x"
		st.take()
		if err := strata.Save(ctx, db, got); err == nil || !strings.Contains(err.Error(), "primary key") {
			t.Errorf("Save with a changed key: %v", err)
		}
		if s := st.take(); len(s) != 0 {
			t.Errorf("a refused Save ran %q", s)
		}
	})
}

// Reload reads the row again; Silent writes leave UpdatedAt alone.
func TestTrackedReloadSilent(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		st := &sqlLog{}
		db := memberDB(t, tg, st)
		m := &Subscriber{Email: "bo@example.com", Name: "Bo"}
		if err := strata.Create(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		stamp := m.UpdatedAt
		// Another writer changes the row.
		if _, err := strata.Find[Subscriber](db).Where(strata.Eq("id", m.ID)).Silent().Update(ctx, strata.Fields{"name": "Bob"}); err != nil {
			t.Fatal(err)
		}
		m.Visits = 9 // a local change Reload throws away
		if err := strata.Reload(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		if m.Name != "Bob" || m.Visits != 0 || strata.Changed(m) != nil {
			t.Errorf("after Reload: %+v, changed %v", *m, strata.Changed(m))
		}
		if !m.UpdatedAt.Equal(stamp) {
			t.Errorf("Query.Silent().Update moved updatedAt from %v to %v", stamp, m.UpdatedAt)
		}
		time.Sleep(5 * time.Millisecond)
		m.Visits = 1
		if err := strata.Save(ctx, db, m, strata.Silent()); err != nil {
			t.Fatal(err)
		}
		got, err := strata.Find[Subscriber](db).ByPK(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Visits != 1 || !got.UpdatedAt.Equal(stamp) {
			t.Errorf("Save(Silent) stored visits %d, updatedAt %v (was %v)", got.Visits, got.UpdatedAt, stamp)
		}
		if up := updates(st.take()); len(up) == 0 || strings.Contains(up[len(up)-1], "updatedAt") {
			t.Errorf("Save(Silent) wrote %q", up)
		}
		// A row that is gone: an *EmptyResultError, v unchanged.
		if _, err := strata.Find[Subscriber](db).Where(strata.Eq("id", m.ID)).Destroy(ctx); err != nil {
			t.Fatal(err)
		}
		before := m.Name
		m.Name = "kept"
		if err := strata.Reload(ctx, db, m); !errors.Is(err, strata.ErrNotFound) || m.Name != "kept" {
			t.Errorf("Reload of a deleted row: %v, name %q (was %q)", err, m.Name, before)
		}
	})
}
