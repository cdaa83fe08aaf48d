package strata_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Narrow has a field of every Go number type narrower than int64 and
// float64, plain and as a pointer.
type Narrow struct {
	ID   int64
	Tag  string
	I8   int8
	I16  int16
	I32  int32
	U8   uint8
	U16  uint16
	U32  uint32
	U    uint
	U64  uint64
	F32  float32
	PI8  *int8
	PU16 *uint16
	PF32 *float32
}

// narrowRows are each type's limits, and float32 values a double or a
// text form with fewer digits would change.
func narrowRows() []Narrow {
	return []Narrow{
		{Tag: "max", I8: math.MaxInt8, I16: math.MaxInt16, I32: math.MaxInt32, U8: math.MaxUint8, U16: math.MaxUint16,
			U32: math.MaxUint32, U: math.MaxInt64, U64: math.MaxInt64, F32: math.MaxFloat32,
			PI8: ptr[int8](math.MaxInt8), PU16: ptr[uint16](math.MaxUint16), PF32: ptr[float32](-math.MaxFloat32)},
		{Tag: "min", I8: math.MinInt8, I16: math.MinInt16, I32: math.MinInt32, F32: math.SmallestNonzeroFloat32,
			PI8: ptr[int8](math.MinInt8), PU16: ptr[uint16](0), PF32: ptr[float32](-math.SmallestNonzeroFloat32)},
		{Tag: "digits", F32: 16777215, PF32: ptr[float32](0.1234567)},
		{Tag: "fraction", F32: 0.1, PF32: ptr[float32](1.0 / 3)},
		{Tag: "null"},
	}
}

// A field of a narrower Go type (int8 … uint64, float32) reads back what
// was written, on every dialect and every read path: by key (a statement
// with arguments: MySQL's binary protocol), every row (no arguments: the
// text protocol, which prints a FLOAT with 6 digits), inside a
// transaction (database/sql on PostgreSQL), by Each there (never kept
// prepared) and by RawAll (issue 12, defect 7: a float32 could not be
// read back on MariaDB).
func TestNarrowTypesRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := on(t, tg, Narrow{})
		ok(t, db.Sync(ctx))
		want := narrowRows()
		ok(t, strata.BulkCreate(ctx, db, want[:2]))
		for i := 2; i < len(want); i++ {
			ok(t, strata.Create(ctx, db, &want[i]))
		}
		check := func(how string, got []Narrow) {
			t.Helper()
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("%s (-got +want):\n%s", how, diff)
			}
		}
		var byKey []Narrow
		for _, w := range want {
			byKey = append(byKey, *must(strata.Find[Narrow](db).ByPK(ctx, w.ID))(t))
		}
		check("by key", byKey)
		check("every row", must(strata.Find[Narrow](db).Order("id").All(ctx))(t))
		check("RawAll", must(strata.RawAll[Narrow](ctx, db, "SELECT * FROM narrows ORDER BY id"))(t))
		ok(t, db.Transaction(ctx, func(tx *strata.Tx) error {
			check("in a transaction", must(strata.Find[Narrow](tx).Order("id").All(ctx))(t))
			var each []Narrow
			for v, err := range strata.Find[Narrow](tx).Order("id").Each(ctx) {
				ok(t, err)
				each = append(each, *v)
			}
			check("Each in a transaction", each)
			return nil
		}))

		// Updated to other limits, the values read back as written too.
		w := &want[1]
		w.I8, w.U64, w.F32, w.PF32 = math.MaxInt8, 1, -16777215, nil
		ok(t, strata.Update(ctx, db, w))
		check("after update", must(strata.Find[Narrow](db).Order("id").All(ctx))(t))
	})
}
