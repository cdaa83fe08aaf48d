package strata_test

import (
	"database/sql"
	"encoding/json"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Regression tests of issue 13, defects 4 and 8 (values): what strata
// writes reads back exactly, or is refused before any SQL.

// EmptyBytes holds empty byte slices of every kind strata maps to a BLOB.
type EmptyBytes struct {
	ID   int64
	Blob []byte `strata:",notnull"`
	PB   *[]byte
	NB   sql.Null[[]byte]
	Raw  json.RawMessage `strata:",type=BLOB"`
	Name string
}

// An empty []byte reads back empty, not nil (NULL), in a []byte, a
// *[]byte, a sql.Null[[]byte] and a json.RawMessage, so a later Save of
// another field does not write NULL over it (and fail on NOT NULL).
func TestEmptyBytesReadBackAndSave(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(EmptyBytes{})))(t)
		if err := db.Sync(ctx, strata.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
		e := []byte{}
		row := EmptyBytes{Blob: []byte{}, PB: &e, NB: sql.Null[[]byte]{V: []byte{}, Valid: true}, Raw: json.RawMessage{}}
		if err := strata.Create(ctx, db, &row); err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			got := must(strata.Find[EmptyBytes](db).Where(strata.Eq("id", row.ID)).One(ctx))(t)
			switch {
			case got.Blob == nil:
				t.Errorf("%s: []byte{} read back as nil", when)
			case got.PB == nil || *got.PB == nil:
				t.Errorf("%s: *[]byte to an empty slice read back as %v", when, got.PB)
			case !got.NB.Valid || got.NB.V == nil:
				t.Errorf("%s: sql.Null[[]byte] with an empty value read back as %+v", when, got.NB)
			case got.Raw == nil:
				t.Errorf("%s: empty json.RawMessage read back as nil", when)
			}
		}
		check("after Create")
		got := must(strata.Find[EmptyBytes](db).Where(strata.Eq("id", row.ID)).One(ctx))(t)
		got.Name = "renamed"
		if err := strata.Save(ctx, db, got); err != nil {
			t.Fatalf("Save of another field after reading an empty []byte: %v", err)
		}
		check("after Save")
		n := must(strata.Find[EmptyBytes](db).Where(strata.Eq("blob", []byte{})).Count(ctx))(t)
		if n != 1 {
			t.Errorf("WHERE blob = x'' after Save: %d rows, want 1", n)
		}
	})
}
