package migrate_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// funcMigration is a Go function migration; its body says "body-A", which
// the tests edit in the source they let migrate read.
func funcMigration(version string) migrate.Migration {
	return migrate.Migration{
		Name:    "20260101000000-backfill",
		Version: version,
		UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			note := "body-A" // a comment the tests edit
			_ = note
			return ex.Apply(ctx, createTable("backfilled"))
		},
		DownFunc: func(ctx context.Context, ex migrate.Executor) error {
			return ex.Apply(ctx, ddl.DropTable("backfilled"))
		},
	}
}

// thisFile is the path of this file as the build recorded it.
func thisFile(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller")
	}
	return file
}

// editSource makes migrate read this file with old replaced by new, as
// when the file is edited after the migration was applied; or as missing
// when old is "".
func editSource(t *testing.T, old, new string) {
	file := thisFile(t)
	restore := migrate.SetReadSource(func(path string) ([]byte, error) {
		if path != file {
			return os.ReadFile(path)
		}
		if old == "" {
			return nil, os.ErrNotExist
		}
		data, err := os.ReadFile(path)
		return bytes.Replace(data, []byte(old), []byte(new), 1), err
	})
	t.Cleanup(restore)
}

// TestReliabilityGoFuncChecksum is issue 13's defect 9: an edit to the
// body of a Go migration's UpFunc after it was applied is refused before
// any SQL on every dialect, as an edited SQL file is; a comment or layout
// change is not an edit; where the source is not found, Status says the
// migration is not checked; a Version stands in for the source.
func TestReliabilityGoFuncChecksum(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		later := simple("20260102000000-later", "later")
		var refused, accepted, unchecked int
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration("")}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		applied := st.Migrations[0]
		if applied.Checksum == "" || applied.AppliedChecksum != applied.Checksum || applied.Unchecked != "" {
			t.Fatalf("applied: checksum %q, recorded %q, unchecked %q; want one recorded and checked", applied.Checksum, applied.AppliedChecksum, applied.Unchecked)
		}

		// The body edited: refused before anything runs.
		t.Run("edited", func(t *testing.T) {
			editSource(t, `note := "body-A"`, `note := "body-B"`)
			m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration(""), later}))
			before := tables(t, tg)
			_, err := m.Up(ctx)
			var he *migrate.HistoryError
			if !errors.As(err, &he) || he.Problems[0].Kind != migrate.ProblemChecksum {
				t.Fatalf("Up after editing UpFunc: %v, want a *HistoryError with a changed checksum", err)
			}
			wantErr(t, err, "20260101000000-backfill", "was edited after it was applied", "Repair and AcceptChecksum")
			wantNames(t, "tables", tables(t, tg), before)
			refused++
		})
		// A comment and layout: the same code.
		t.Run("comment", func(t *testing.T) {
			editSource(t, `// a comment the tests edit`, `/* another   comment */  `)
			m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration("")}))
			if st, err := m.Status(ctx); err != nil || st.Err() != nil {
				t.Fatalf("a comment edited: %v, %v", st.Err(), err)
			}
			accepted++
		})
		// No source: not checked, and Status says so.
		t.Run("no source", func(t *testing.T) {
			editSource(t, "", "")
			m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration("")}))
			st, err := m.Status(ctx)
			if err != nil || st.Err() != nil {
				t.Fatalf("no source: %v, %v", st.Err(), err)
			}
			if got := st.Migrations[0].Unchecked; got != "Go function, source not found: not checked" {
				t.Fatalf("Unchecked = %q", got)
			}
			unchecked++
		})
		if _, err := m.Undo(ctx); err != nil {
			t.Fatal(err)
		}

		// With a Version, the version is checked, source or not.
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration("1")}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		t.Run("version", func(t *testing.T) {
			editSource(t, "", "")
			m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration("1")}))
			if st, err := m.Status(ctx); err != nil || st.Err() != nil || st.Migrations[0].Unchecked != "" {
				t.Fatalf("same version, no source: %+v, %v", st, err)
			}
			m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{funcMigration("2")}))
			_, err := m.Up(ctx)
			wantErr(t, err, "20260101000000-backfill", "was edited after it was applied")
			refused++
		})
		t.Logf("figure: %d of 2 edits refused before any SQL (body, Version), %d comment edit accepted, %d missing source reported as not checked", refused, accepted, unchecked)
	})
}
