package strata_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// WhereOwner has the rows of TestReliabilityWhereMapKinds, for the
// include and helper entry points.
type WhereOwner struct {
	ID        int
	WhereRows []WhereRow
}

func (WhereOwner) Associate(a *strata.Associations) { a.HasMany(WhereRow{}) }

// WhereRow has a column of every type a where map compares with.
type WhereRow struct {
	ID           int
	WhereOwnerID *int
	Str          *string `strata:",size=40"`
	Txt          *string `strata:",type=TEXT"`
	Ch           *string `strata:",type=CHAR(4)"`
	UID          *string `strata:",type=UUID"`
	Role         *string `strata:",type=ENUM('a','b','c')"`
	I            *int
	Big          *int64
	Dec          *string `strata:",type=DECIMAL(8,2)"`
	F            *float64
	Ok           *bool
	At           *time.Time
	Day          *time.Time `strata:",type=DATEONLY"`
	Tm           *string    `strata:",type=TIME"`
	J            *string    `strata:",type=JSON"`
	B            []byte
	Mark         int64 // 1 << (id-1): a Sum of it names the rows
}

// wkDomain is how the oracle compares a column's values.
type wkDomain int

const (
	wkText wkDomain = iota
	wkUUID
	wkEnum
	wkInt
	wkNum
	wkBool
	wkInstant
	wkTimeOfDay
	wkJSON
	wkBlob
)

type wkCol struct {
	name string
	dom  wkDomain
}

var wkCols = []wkCol{
	{"str", wkText}, {"txt", wkText}, {"ch", wkText}, {"uid", wkUUID}, {"role", wkEnum},
	{"i", wkInt}, {"big", wkInt}, {"dec", wkNum}, {"f", wkNum}, {"ok", wkBool},
	{"at", wkInstant}, {"day", wkInstant}, {"tm", wkTimeOfDay}, {"j", wkJSON}, {"b", wkBlob},
}

// wkCell is one value as the oracle compares it.
type wkCell struct {
	null bool
	s    string
	r    *big.Rat
	b    bool
	t    time.Time
}

func wkDate(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// wkRows are the five rows: values a lenient comparison confuses with
// a number, a bool or each other ('0', '1x', 0, false …), and a row of
// NULLs.
func wkRows() []WhereRow {
	own := ptr(1)
	s, i, i64, f, b := ptr[string], ptr[int], ptr[int64], ptr[float64], ptr[bool]
	return []WhereRow{
		{WhereOwnerID: own, Str: s("abc"), Txt: s("abc"), Ch: s("abc"), UID: s("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), Role: s("a"),
			I: i(0), Big: i64(0), Dec: s("0.00"), F: f(0), Ok: b(false), At: wkDate("2024-01-02T00:00:00Z"), Day: wkDate("2024-01-02T00:00:00Z"),
			Tm: s("00:00:00"), J: s(`{"a":1}`), B: []byte("abc"), Mark: 1},
		{WhereOwnerID: own, Str: s("0"), Txt: s("0"), Ch: s("0"), UID: s("b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12"), Role: s("b"),
			I: i(1), Big: i64(1), Dec: s("1.50"), F: f(1.5), Ok: b(true), At: wkDate("2024-01-02T10:00:00Z"), Day: wkDate("2024-01-03T00:00:00Z"),
			Tm: s("10:11:12"), J: s("0"), B: []byte("0"), Mark: 2},
		{WhereOwnerID: own, Str: s("1x"), Txt: s("10"), Ch: s("1"), UID: s("c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13"), Role: s("c"),
			I: i(-1), Big: i64(5000000000), Dec: s("-1.00"), F: f(-1), Ok: b(false), At: wkDate("2023-12-31T23:59:59Z"), Day: wkDate("2023-12-31T00:00:00Z"),
			Tm: s("23:59:59"), J: s(`"abc"`), B: []byte{0}, Mark: 4},
		{WhereOwnerID: own, Str: s("b"), Txt: s("zz"), Ch: s("b"), UID: s("d0eebc99-9c0b-4ef8-bb6d-6bb9bd380a14"), Role: s("a"),
			I: i(2), Big: i64(-1), Dec: s("2.25"), F: f(2.25), Ok: b(true), At: wkDate("2025-06-01T12:00:00Z"), Day: wkDate("2025-06-01T00:00:00Z"),
			Tm: s("12:00:00"), J: s("[1]"), B: []byte("b"), Mark: 8},
		{WhereOwnerID: own, Mark: 16},
	}
}

// cells returns a row's values as the oracle compares them.
func (r WhereRow) cells() map[string]wkCell {
	str := func(p *string) wkCell {
		if p == nil {
			return wkCell{null: true}
		}
		return wkCell{s: *p}
	}
	rat := func(ok bool, r *big.Rat) wkCell {
		if !ok {
			return wkCell{null: true}
		}
		return wkCell{r: r}
	}
	tm := func(p *time.Time) wkCell {
		if p == nil {
			return wkCell{null: true}
		}
		return wkCell{t: *p}
	}
	c := map[string]wkCell{"str": str(r.Str), "txt": str(r.Txt), "ch": str(r.Ch), "uid": str(r.UID), "role": str(r.Role),
		"at": tm(r.At), "day": tm(r.Day), "tm": str(r.Tm), "j": str(r.J), "b": {null: r.B == nil, s: string(r.B)}}
	c["i"] = rat(r.I != nil, func() *big.Rat {
		if r.I == nil {
			return nil
		}
		return big.NewRat(int64(*r.I), 1)
	}())
	c["big"] = rat(r.Big != nil, func() *big.Rat {
		if r.Big == nil {
			return nil
		}
		return big.NewRat(*r.Big, 1)
	}())
	c["dec"] = rat(r.Dec != nil, func() *big.Rat {
		if r.Dec == nil {
			return nil
		}
		x, _ := new(big.Rat).SetString(*r.Dec)
		return x
	}())
	c["f"] = rat(r.F != nil, func() *big.Rat {
		if r.F == nil {
			return nil
		}
		return new(big.Rat).SetFloat64(*r.F)
	}())
	c["ok"] = wkCell{null: r.Ok == nil}
	if r.Ok != nil {
		c["ok"] = wkCell{b: *r.Ok}
	}
	return c
}

// wkValues are the JSON values of the grid, each decoded as
// encoding/json does into map[string]any (float64) and with UseNumber
// (json.Number) where that differs.
var wkValues = []string{
	`0`, `1`, `-1`, `1.5`, `2.25`, `1e300`, `5000000000`, `"abc"`, `"0"`, `"1"`, `"1.5"`, `""`, `"b"`, `"a"`, `"1x"`,
	`"a%"`, `"%b%"`, `"_bc"`, `"%"`, `"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"`, `"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12"`,
	`"2024-01-02T00:00:00Z"`, `"2024-01-02"`, `"2024-01-02 10:00:00"`, `"2024-01-02T11:00:00+01:00"`, `"10:11:12"`, `"25:00:00"`,
	`"abc\u0000"`, `"{\"a\":1}"`, `true`, `false`, `null`, `[0]`, `["abc","0"]`, `[]`, `[1.5]`, `[true]`, `{"a":1}`, `[[0]]`,
}

// wkDecoded returns every value of the grid as a where map holds it.
func wkDecoded(t *testing.T) []any {
	var out []any
	for _, js := range wkValues {
		var plain, num map[string]any
		ok(t, json.Unmarshal([]byte(`{"v":`+js+`}`), &plain))
		d := json.NewDecoder(strings.NewReader(`{"v":` + js + `}`))
		d.UseNumber()
		ok(t, d.Decode(&num))
		out = append(out, plain["v"])
		if fmt.Sprintf("%#v", plain["v"]) != fmt.Sprintf("%#v", num["v"]) {
			out = append(out, num["v"])
		}
	}
	return out
}

// wkTimeLayouts are the texts a DATE column is compared with as a time.
var wkTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02"}

// wkConv is the oracle's exact conversion of a JSON value for a column:
// the cell it means, apart (a text no UUID or ENUM value can equal), or
// refused (no exact meaning: strata must return a typed error).
func wkConv(c wkCol, v any) (x wkCell, apart, refused bool) {
	num, isNum := "", false
	switch y := v.(type) {
	case float64:
		num, isNum = new(big.Rat).SetFloat64(y).FloatString(400), true
	case json.Number:
		num, isNum = string(y), true
	}
	s, isText := v.(string)
	switch c.dom {
	case wkText, wkUUID, wkEnum:
		if !isText || !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
			return x, false, true
		}
		switch c.dom {
		case wkUUID:
			if !regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`).MatchString(s) {
				return x, true, false
			}
			s = strings.ToLower(s)
		case wkEnum:
			if !slices.Contains([]string{"a", "b", "c"}, s) {
				return x, true, false
			}
		}
		return wkCell{s: s}, false, false
	case wkInt, wkNum:
		if !isNum && isText {
			num = s
		} else if !isNum {
			return x, false, true
		}
		if strings.Contains(num, "/") {
			return x, false, true
		}
		r, ok := new(big.Rat).SetString(strings.TrimSpace(num))
		if !ok || (c.dom == wkInt && !r.IsInt()) {
			return x, false, true
		}
		if c.name == "f" { // a DOUBLE holds the nearest float64
			f, _ := r.Float64()
			if math.IsInf(f, 0) {
				return x, false, true
			}
			r = new(big.Rat).SetFloat64(f)
		}
		return wkCell{r: r}, false, false
	case wkBool:
		if b, ok := v.(bool); ok {
			return wkCell{b: b}, false, false
		}
		if r, ok := new(big.Rat).SetString(num); isNum && ok && r.IsInt() && (r.Sign() == 0 || r.Cmp(big.NewRat(1, 1)) == 0) {
			return wkCell{b: r.Sign() != 0}, false, false
		}
		return x, false, true
	case wkInstant:
		for _, l := range wkTimeLayouts {
			if t, err := time.ParseInLocation(l, s, time.UTC); isText && err == nil {
				return wkCell{t: t}, false, false
			}
		}
		return x, false, true
	case wkTimeOfDay:
		if isText && regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`).MatchString(s) {
			return wkCell{s: s}, false, false
		}
	}
	return x, false, true
}

// wkCmp orders two cells of a column's domain.
func wkCmp(d wkDomain, a, b wkCell) int {
	switch d {
	case wkInt, wkNum:
		return a.r.Cmp(b.r)
	case wkBool:
		switch {
		case a.b == b.b:
			return 0
		case !a.b:
			return -1
		}
		return 1
	case wkInstant:
		return a.t.Compare(b.t)
	}
	return strings.Compare(a.s, b.s)
}

// wkTri is SQL's three-valued truth.
type wkTri int8

const (
	wkNull wkTri = iota
	wkFalse
	wkTrue
)

func wkTriOf(b bool) wkTri {
	if b {
		return wkTrue
	}
	return wkFalse
}

func (t wkTri) not() wkTri {
	switch t {
	case wkTrue:
		return wkFalse
	case wkFalse:
		return wkTrue
	}
	return wkNull
}

// wkOps are the condition operators of the grid.
var wkOps = []string{"fields", "eq", "ne", "gt", "gte", "lt", "lte", "in", "notin", "like", "notlike", "between", "not"}

// wkCond builds the condition of op for column col and value v.
func wkCond(op, col string, v any) strata.Cond {
	list, isList := v.([]any)
	if !isList {
		list = []any{v, v}
	}
	switch op {
	case "fields":
		return strata.Fields{col: v}
	case "eq":
		return strata.Eq(col, v)
	case "ne":
		return strata.Ne(col, v)
	case "gt":
		return strata.Gt(col, v)
	case "gte":
		return strata.Gte(col, v)
	case "lt":
		return strata.Lt(col, v)
	case "lte":
		return strata.Lte(col, v)
	case "in":
		return strata.In(col, list)
	case "notin":
		return strata.NotIn(col, list)
	case "like":
		return strata.Like(col, v)
	case "notlike":
		return strata.NotLike(col, v)
	case "between":
		return strata.Between(col, v, v)
	}
	return strata.Not(strata.Eq(col, v))
}

// wkExpect is the oracle: the ids of rows that op on column c with value
// v selects, or refused when strata must refuse it.
func wkExpect(op string, c wkCol, v any, rows []map[string]wkCell) (ids []int, refused, skip bool) {
	if _, isMap := v.(map[string]any); isMap {
		return nil, true, false
	}
	list, isList := v.([]any)
	if op == "fields" && isList {
		op = "in"
	}
	scalar := !isList
	switch op {
	case "in", "notin":
		if !isList {
			list = []any{v}
		}
		for _, e := range list {
			if _, nested := e.([]any); nested {
				return nil, true, false
			}
			if _, nested := e.(map[string]any); nested {
				return nil, true, false
			}
		}
	default:
		if !scalar {
			return nil, true, false
		}
	}
	if op == "fields" {
		op = "eq"
	}
	var pattern *regexp.Regexp
	if op == "like" || op == "notlike" {
		s, isText := v.(string)
		if c.dom != wkText || !isText || !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
			return nil, true, false
		}
		var re strings.Builder
		re.WriteString(`(?s)^`)
		for _, r := range s {
			switch r {
			case '%':
				re.WriteString(".*")
			case '_':
				re.WriteString(".")
			default:
				re.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		re.WriteString("$")
		pattern = regexp.MustCompile(re.String())
	}
	// eq compares a row's cell with one value.
	eq := func(cell wkCell, e any) (wkTri, bool) {
		if e == nil {
			return wkNull, false
		}
		x, apart, bad := wkConv(c, e)
		if bad {
			return 0, true
		}
		if cell.null {
			return wkNull, false
		}
		if apart {
			return wkFalse, false
		}
		return wkTriOf(wkCmp(c.dom, cell, x) == 0), false
	}
	ordered := func(cell wkCell, test func(int) bool) (wkTri, bool) {
		if v == nil {
			return 0, true
		}
		if s, isText := v.(string); isText && c.dom == wkText && !regexp.MustCompile(`^[a-z0-9]*$`).MatchString(s) {
			// Collations order punctuation differently ('_' before or
			// after letters): that is the database's, not the value's kind.
			skip = true
		}
		x, apart, bad := wkConv(c, v)
		if bad || apart {
			return 0, true
		}
		if cell.null {
			return wkNull, false
		}
		return wkTriOf(test(wkCmp(c.dom, cell, x))), false
	}
	skip = false
	for i, row := range rows {
		cell := row[c.name]
		var t wkTri
		var bad bool
		switch op {
		case "eq", "not":
			if v == nil {
				t = wkTriOf(cell.null)
			} else {
				t, bad = eq(cell, v)
			}
			if op == "not" {
				t = t.not()
			}
		case "ne":
			if v == nil {
				t = wkTriOf(!cell.null)
			} else {
				t, bad = eq(cell, v)
				t = t.not()
			}
		case "gt":
			t, bad = ordered(cell, func(n int) bool { return n > 0 })
		case "gte":
			t, bad = ordered(cell, func(n int) bool { return n >= 0 })
		case "lt":
			t, bad = ordered(cell, func(n int) bool { return n < 0 })
		case "lte":
			t, bad = ordered(cell, func(n int) bool { return n <= 0 })
		case "between":
			t, bad = ordered(cell, func(n int) bool { return n == 0 })
		case "in", "notin":
			t = wkFalse
			for _, e := range list {
				et, b := eq(cell, e)
				if bad = bad || b; et == wkTrue || (et == wkNull && t == wkFalse) {
					t = et
				}
			}
			if op == "notin" {
				t = t.not()
			}
		case "like", "notlike":
			if cell.null {
				t = wkNull
			} else {
				t = wkTriOf(pattern.MatchString(cell.s) == (op == "like"))
			}
		}
		if bad {
			return nil, true, false
		}
		if t == wkTrue {
			ids = append(ids, i+1)
		}
	}
	return ids, false, skip
}

// wkEntry runs a where through one entry point and returns the ids of the
// rows it selected (or changed).
type wkEntry struct {
	name string
	ops  []string
	run  func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error)
}

func idsOf(rows []WhereRow) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	slices.Sort(out)
	return out
}

func idsOfMarks(sum int64) []int {
	var out []int
	for i := 0; i < 5; i++ {
		if sum&(1<<i) != 0 {
			out = append(out, i+1)
		}
	}
	return out
}

// wkWrite runs a write in a transaction that it rolls back, after reading
// the ids of the rows it changed (marked or gone), so every check starts
// from the five rows.
func wkWrite(ctx context.Context, t *testing.T, db *strata.DB, write func(tx *strata.Tx) error, changed func(tx *strata.Tx) ([]int, error)) ([]int, error) {
	tx := must(db.Begin(ctx))(t)
	defer func() { _ = tx.Rollback() }()
	werr := write(tx)
	ids, err := changed(tx)
	if err != nil {
		t.Fatalf("reading back a write: %v", err)
	}
	if werr != nil && len(ids) > 0 {
		t.Errorf("a refused write changed rows %v: %v", ids, werr)
	}
	return ids, werr
}

var wkEntries = []wkEntry{
	{"Count", wkOps, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		n, err := strata.Find[WhereRow](db).Where(c).Count(ctx)
		return make([]int, n), err // compared by length
	}},
	{"FindAll", []string{"fields", "gt", "notin", "like"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		rows, err := strata.Find[WhereRow](db).Where(c).All(ctx)
		return idsOf(rows), err
	}},
	{"One", []string{"fields"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		r, err := strata.Find[WhereRow](db).Where(c).Order("id").One(ctx)
		if errors.Is(err, strata.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []int{r.ID}, nil // compared with the first expected id
	}},
	{"Exists", []string{"fields", "lt"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		yes, err := strata.Find[WhereRow](db).Where(c).Exists(ctx)
		if yes {
			return []int{0}, err // compared by emptiness
		}
		return nil, err
	}},
	{"Sum", []string{"fields", "gte", "notin"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		sum, err := strata.Sum[int64](ctx, strata.Find[WhereRow](db).Where(c), "mark")
		return idsOfMarks(sum), err
	}},
	{"Update", []string{"fields", "ne", "notin", "notlike"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		return wkWrite(ctx, t, db, func(tx *strata.Tx) error {
			_, err := strata.Find[WhereRow](tx).Where(c).Update(ctx, strata.Fields{"mark": 0})
			return err
		}, func(tx *strata.Tx) ([]int, error) {
			rows, err := strata.Find[WhereRow](tx).Where(strata.Eq("mark", 0)).All(ctx)
			return idsOf(rows), err
		})
	}},
	{"Destroy", []string{"fields", "gt", "notin", "not"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		return wkWrite(ctx, t, db, func(tx *strata.Tx) error {
			_, err := strata.Find[WhereRow](tx).Where(c).Destroy(ctx)
			return err
		}, func(tx *strata.Tx) ([]int, error) {
			sum, err := strata.Sum[int64](ctx, strata.Find[WhereRow](tx), "mark")
			return idsOfMarks(31 &^ sum), err
		})
	}},
	{"Include", []string{"fields", "lte", "in"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		owners, err := strata.Find[WhereOwner](db).Include("WhereRows", strata.Where(c)).All(ctx)
		if err != nil {
			return nil, err
		}
		return idsOf(owners[0].WhereRows), nil
	}},
	{"HasMany.Count", []string{"fields", "between"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		n, err := strata.HasMany[WhereOwner, WhereRow]("WhereRows").Count(ctx, db, &WhereOwner{ID: 1}, c)
		return make([]int, n), err
	}},
	{"HasMany.Get", []string{"fields", "ne"}, func(ctx context.Context, t *testing.T, db *strata.DB, c strata.Cond) ([]int, error) {
		rows, err := strata.HasMany[WhereOwner, WhereRow]("WhereRows").Get(ctx, db, &WhereOwner{ID: 1}, strata.Where(c))
		return idsOf(rows), err
	}},
}

// TestReliabilityWhereMapKinds (issue 13, defect 1): a where map decoded
// from JSON holds float64, bool, json.Number, strings, lists and maps
// whatever the columns' types; each value is converted exactly or refused
// with a *strata.ValueError naming the column, before any SQL, through
// every operator and every entry point that takes a where, on every
// database. The oracle computes each answer in Go from the five rows; a
// refused write changed no row.
func TestReliabilityWhereMapKinds(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(WhereOwner{}, WhereRow{})))(t)
		ok(t, db.Sync(ctx))
		ok(t, strata.Create(ctx, db, &WhereOwner{}))
		rows := wkRows()
		ok(t, strata.BulkCreate(ctx, db, rows))
		cells := make([]map[string]wkCell, len(rows))
		for i, r := range rows {
			cells[i] = r.cells()
		}
		values := wkDecoded(t)
		entries := wkEntries
		if testing.Short() {
			entries = entries[:2]
		}
		var checks, exact, refused, widened int
		for _, e := range entries {
			for _, c := range wkCols {
				for _, op := range e.ops {
					for _, v := range values {
						want, refuse, skip := wkExpect(op, c, v, cells)
						if skip {
							continue
						}
						got, err := e.run(ctx, t, db, wkCond(op, c.name, v))
						checks++
						what := fmt.Sprintf("%s %s %s %#v", e.name, op, c.name, v)
						if err != nil {
							var ve *strata.ValueError
							if !errors.As(err, &ve) || ve.Column != c.name || !strings.Contains(err.Error(), c.name) {
								t.Errorf("%s: %T %v, want a *strata.ValueError naming column %s", what, err, err, c.name)
								continue
							}
							refused++
							continue
						}
						if refuse {
							t.Errorf("%s: answered %v, want a *strata.ValueError (the value has no exact meaning for the column)", what, got)
							widened++
							continue
						}
						match := slices.Equal(got, want)
						switch e.name {
						case "Count", "HasMany.Count":
							match = len(got) == len(want)
						case "Exists":
							match = (len(got) > 0) == (len(want) > 0)
						case "One":
							match = len(got) == min(len(want), 1) && (len(got) == 0 || got[0] == want[0])
						}
						if !match {
							if len(got) > len(want) {
								widened++
							}
							t.Errorf("%s: rows %v, want %v", what, got, want)
							continue
						}
						exact++
					}
				}
			}
		}
		if exact < checks/5 || refused < checks/5 {
			t.Errorf("%d of %d checks answered, %d refused: the grid should have plenty of both", exact, checks, refused)
		}
		after := must(strata.Find[WhereRow](db).Order("id").All(ctx))(t)
		for i := range rows {
			if i >= len(after) || !wkSame(rows[i], after[i]) {
				t.Fatalf("the rows changed: %d rows after the grid", len(after))
			}
		}
		t.Logf("figure: %d checks, %d answered exactly, %d refused with a typed error, %d widened", checks, exact, refused, widened)
	})
}

// wkSame compares two rows by what the oracle reads of them.
func wkSame(a, b WhereRow) bool {
	if a.ID != b.ID || a.Mark != b.Mark || !bytes.Equal(a.B, b.B) {
		return false
	}
	ca, cb := a.cells(), b.cells()
	for _, c := range wkCols {
		x, y := ca[c.name], cb[c.name]
		if x.null != y.null || (!x.null && c.dom != wkJSON && wkCmp(c.dom, x, y) != 0) {
			return false
		}
	}
	return true
}

// TestReliabilityWhereMapDestroy is the reproduction: Destroy with
// a where decoded from {"email": 0} or {"email": false} removed 5 of 5
// users on MariaDB. Each is refused with a *strata.ValueError before any
// SQL, and the five users stay, on every database.
func TestReliabilityWhereMapDestroy(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		for i := range 5 {
			ok(t, strata.Create(ctx, db, &User{LastName: "u", Email: fmt.Sprintf("u%d@shop.test", i)}))
		}
		for _, js := range []string{`{"email": 0}`, `{"email": false}`, `{"email": 1e0}`, `{"email": [0]}`, `{"lastName": 0, "id": 1}`} {
			var where map[string]any
			ok(t, json.Unmarshal([]byte(js), &where))
			n, err := strata.Find[User](db).Where(strata.Fields(where)).Destroy(ctx)
			var ve *strata.ValueError
			if !errors.As(err, &ve) || n != 0 {
				t.Errorf("Destroy where %s: %d rows, %v; want a *strata.ValueError", js, n, err)
			}
		}
		if left := must(strata.Find[User](db).Count(ctx))(t); left != 5 {
			t.Errorf("%d of 5 users left", left)
		}
		t.Logf("figure: 5 payloads refused, 5 of 5 users left")
	})
}

// TestReliabilityFieldsSetKinds (issue 13, defect 1, the write side): the
// values a query-level Update sets from a map decoded from JSON follow
// the same rules as a where's: each is stored as exactly what it means
// for its column or refused with a typed error (*strata.ValidationError
// or *strata.ValueError) naming the column, the row unchanged, on every
// database.
func TestReliabilityFieldsSetKinds(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(WhereOwner{}, WhereRow{})))(t)
		ok(t, db.Sync(ctx))
		ok(t, strata.Create(ctx, db, &WhereOwner{}))
		rows := wkRows()
		ok(t, strata.BulkCreate(ctx, db, rows))
		var checks, stored, refused, wrong int
		for _, c := range wkCols {
			if c.dom == wkJSON {
				continue // JSON text is the column's own kind
			}
			for _, v := range wkDecoded(t) {
				checks++
				what := fmt.Sprintf("Update set %s = %#v", c.name, v)
				func() {
					tx := must(db.Begin(ctx))(t)
					defer func() { _ = tx.Rollback() }()
					_, err := strata.Find[WhereRow](tx).Where(strata.Eq("id", 1)).Update(ctx, strata.Fields{c.name: v})
					got := must(strata.Find[WhereRow](tx).ByPK(ctx, 1))(t)
					cell := got.cells()[c.name]
					if err != nil {
						var ve *strata.ValidationError
						var vae *strata.ValueError
						switch {
						case errors.As(err, &ve) && len(ve.Field(c.name)) > 0, errors.As(err, &vae) && vae.Column == c.name:
						default:
							t.Errorf("%s: %T %v, want a typed error naming %s", what, err, err, c.name)
						}
						if !wkSame(rows[0], *got) {
							t.Errorf("%s: refused, but the row changed", what)
						}
						refused++
						return
					}
					if v == nil {
						if !cell.null {
							t.Errorf("%s: stored %+v, want NULL", what, cell)
						}
						stored++
						return
					}
					want, apart, bad := wkConv(c, v)
					if _, isList := v.([]any); isList || bad || apart {
						t.Errorf("%s: stored %+v, want a typed error (no exact meaning for the column)", what, cell)
						wrong++
						return
					}
					if cell.null || wkCmp(c.dom, cell, want) != 0 {
						t.Errorf("%s: stored %+v, want %+v", what, cell, want)
						wrong++
						return
					}
					stored++
				}()
			}
		}
		// Increment's amounts from JSON: a number, or a typed error.
		for _, v := range wkDecoded(t) {
			checks++
			_, err := strata.Find[WhereRow](db).Where(strata.Eq("id", 1)).Increment(ctx, strata.Fields{"i": v})
			if _, isNum := v.(float64); isNum && err == nil {
				continue
			}
			var ve *strata.ValidationError
			var vae *strata.ValueError
			if !errors.As(err, &ve) && !errors.As(err, &vae) {
				t.Errorf("Increment i by %#v: %T %v, want a typed error", v, err, err)
			}
		}
		if stored < checks/10 || refused < checks/10 {
			t.Errorf("%d of %d stored, %d refused: the grid should have plenty of both", stored, checks, refused)
		}
		t.Logf("figure: %d values set, %d stored exactly, %d refused with a typed error, %d stored as another value", checks, stored, refused, wrong)
	})
}
