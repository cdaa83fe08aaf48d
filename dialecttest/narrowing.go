package dialecttest

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Narrowing is one change of a column to a definition that holds fewer
// values: Fit are values it keeps, Lost values it cannot hold, Lost
// saying how (dialect.Loss.String, joined with " or ").
type Narrowing struct {
	Name     string
	From, To ddl.ColumnDef // the column "v"
	Fit      []any
	Lost     []any
	Says     string
	Only     string // a dialect name, when only that one has the types
}

func col(t schema.Type) ddl.ColumnDef { return ddl.Column("v", t) }

// Narrowings is the list every dialect runs (issue 12, defect 4): string
// and char lengths, TEXT to VARCHAR, NOT NULL, integer ranges, DECIMAL
// precision and scale, DOUBLE to FLOAT and to INTEGER, text to numbers and
// to a UUID, ENUM values, DATE to DATEONLY, integers to BOOLEAN, numbers
// to short strings, and array elements.
func Narrowings() []Narrowing {
	day := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	return []Narrowing{
		{Name: "string", From: col(schema.String(200)), To: col(schema.String(5)),
			Fit: []any{"abc", "héllo"}, Lost: []any{"abcdef", "much too long"}, Says: "is longer than 5 characters"},
		{Name: "string_to_char", From: col(schema.String(20)), To: col(schema.Char(3)),
			Fit: []any{"ab", "abc"}, Lost: []any{"abcd"}, Says: "is longer than 3 characters"},
		{Name: "text_to_string", From: col(schema.Text()), To: col(schema.String(4)),
			Fit: []any{"four"}, Lost: []any{"fiver", strings.Repeat("x", 300)}, Says: "is longer than 4 characters"},
		{Name: "not_null", From: col(schema.String(10)), To: col(schema.String(10)).NotNull(),
			Fit: []any{"a"}, Lost: []any{nil}, Says: "is NULL"},
		{Name: "not_null_and_shorter", From: col(schema.String(10)), To: col(schema.String(3)).NotNull(),
			Fit: []any{"abc"}, Lost: []any{nil, "abcd"}, Says: "is NULL or is longer than 3 characters"},
		{Name: "bigint_to_integer", From: col(schema.BigInt()), To: col(schema.Integer()),
			Fit: []any{int64(2147483647), int64(-2147483648)}, Lost: []any{int64(2147483648), int64(-9000000000)},
			Says: "is outside -2147483648 to 2147483647"},
		{Name: "integer_to_smallint", From: col(schema.Integer()), To: col(schema.SmallInt()),
			Fit: []any{32767, -32768}, Lost: []any{32768, -40000}, Says: "is outside -32768 to 32767"},
		{Name: "decimal_scale", From: col(schema.Decimal(10, 3)), To: col(schema.Decimal(10, 2)),
			Fit: []any{"12.50", "3.1"}, Lost: []any{"1.005", "2.999"}, Says: "has more than 2 digits after the decimal point"},
		{Name: "decimal_precision", From: col(schema.Decimal(10, 2)), To: col(schema.Decimal(5, 2)),
			Fit: []any{"999.99", "-999.99"}, Lost: []any{"1000.00", "-12345.67"}, Says: "is outside -999.99 to 999.99"},
		{Name: "decimal_to_integer", From: col(schema.Decimal(10, 2)), To: col(schema.Integer()),
			Fit: []any{"12.00", "-3"}, Lost: []any{"12.50"}, Says: "has digits after the decimal point"},
		{Name: "double_to_float", From: col(schema.Double()), To: col(schema.Float()),
			Fit: []any{1.5, -0.25, 65536.0}, Lost: []any{1e39, -1e300},
			Says: "is outside -3.4028234663852886e38 to 3.4028234663852886e38"},
		{Name: "double_to_integer", From: col(schema.Double()), To: col(schema.Integer()),
			Fit: []any{3.0, -7.0}, Lost: []any{2.5, 1e12},
			Says: "is outside -2147483648 to 2147483647 or has digits after the decimal point"},
		{Name: "integer_to_short_string", From: col(schema.Integer()), To: col(schema.String(3)),
			Fit: []any{123, -12}, Lost: []any{1234, -123}, Says: "is longer than 3 characters"},
		{Name: "integer_to_boolean", From: col(schema.Integer()), To: col(schema.Boolean()),
			Fit: []any{0, 1}, Lost: []any{2, -1}, Says: "is outside 0 to 1"},
		{Name: "string_to_integer", From: col(schema.String(20)), To: col(schema.Integer()),
			Fit: []any{"42", "-7"}, Lost: []any{"4.5", "abc", "99999999999"},
			Says: "is not a whole number or is outside -2147483648 to 2147483647"},
		{Name: "string_to_decimal", From: col(schema.String(20)), To: col(schema.Decimal(6, 2)),
			Fit: []any{"12.5", "-3", "0.25"}, Lost: []any{"1.234", "12345.6", "x1", "1e3"},
			Says: "is not a number or is outside -9999.99 to 9999.99 or has more than 2 digits after the decimal point"},
		{Name: "enum_values", From: col(schema.Enum("a", "b", "c")), To: col(schema.Enum("a", "b")),
			Fit: []any{"a", "b"}, Lost: []any{"c"}, Says: "is not one of 'a', 'b'"},
		{Name: "string_to_enum", From: col(schema.String(10)), To: col(schema.Enum("draft", "paid")),
			Fit: []any{"draft", "paid"}, Lost: []any{"Paid", "other"}, Says: "is not one of 'draft', 'paid'"},
		{Name: "date_to_dateonly", From: col(schema.Date()), To: col(schema.DateOnly()),
			Fit:  []any{day("2026-01-02T00:00:00Z")},
			Lost: []any{day("2026-01-02T10:30:00Z"), day("2026-01-03T00:00:00.0005Z")}, Says: "has a time of day other than midnight (UTC)"},
		{Name: "string_to_uuid", From: col(schema.String(40)), To: col(schema.UUID()),
			Fit: []any{"0190b3a4-8c2e-7d4f-9a1b-2c3d4e5f6a7b"}, Lost: []any{"not-a-uuid", "0190b3a4-8c2e-7d4f-9a1b-2c3d4e5f6a7b-x"},
			Says: "is not a UUID"},
		{Name: "array_elements", From: col(schema.Array(schema.String(10))), To: col(schema.Array(schema.String(3))),
			Fit: []any{"{ab,abc}"}, Lost: []any{"{ab,abcd}"}, Says: "has an element that is longer than 3 characters", Only: "postgres"},
	}
}

// RunNarrowing checks each narrowing change on its own table: with a row
// that does not fit, the change fails with a *dialect.DataLossError naming
// the table, the column and how many rows, with the same message on every
// database, and leaves the rows and the schema as they were; once those
// rows are gone, it succeeds and keeps the rows that fit.
func RunNarrowing(t *testing.T, d dialect.Dialect, serverURL string) {
	tg := Fresh(t, d, serverURL)
	cur := &schema.Database{}
	for _, nc := range Narrowings() {
		t.Run(nc.Name, func(t *testing.T) {
			if nc.Only != "" && nc.Only != d.Name() {
				t.Skipf("%s only", nc.Only)
			}
			table := "narrow_" + nc.Name
			tg.Apply(t, cur, ddl.CreateTable(table, ddl.Column("id", schema.Integer()).PrimaryKey(), nc.From))
			var rows []ddl.Row
			for i, v := range append(append([]any{}, nc.Fit...), nc.Lost...) {
				rows = append(rows, ddl.Row{"id": i + 1, "v": v})
			}
			tg.Apply(t, cur, ddl.BulkInsert(table, rows...))
			before := tg.values(t, table)
			op := ddl.ChangeColumn(table, nc.To)

			err := tg.TryApply(t, cur, op)
			var le *dialect.DataLossError
			if !errors.As(err, &le) {
				t.Fatalf("%s with %d rows that do not fit: error %v, want a *dialect.DataLossError", op, len(nc.Lost), err)
			}
			want := &dialect.DataLossError{Rows: int64(len(nc.Lost)), Guard: dialect.Guard{
				Table: table, Column: "v", From: definition(nc.From), To: definition(nc.To), Lost: nc.Says}}
			if le.Error() != want.Error() {
				t.Errorf("error message:\n got %s\nwant %s", le, want)
			}
			if diff := cmp.Diff(tg.values(t, table), before); diff != "" {
				t.Errorf("rows changed by the refused %s (-after +before):\n%s", op, diff)
			}
			tg.Compare(t, cur, "after the refused "+op.String())

			tg.Apply(t, cur, ddl.BulkDelete(table, ddl.Where{"id": ids(len(nc.Fit)+1, len(nc.Fit)+len(nc.Lost))}))
			fit := tg.values(t, table)
			tg.Apply(t, cur, op)
			tg.Compare(t, cur, "after "+op.String())
			if diff := cmp.Diff(tg.values(t, table), fit); diff != "" {
				t.Errorf("%s changed rows that fit (-after +before):\n%s", op, diff)
			}
		})
	}
}

func definition(c ddl.ColumnDef) string {
	if c.Column.NotNull {
		return c.Column.Type.String() + " NOT NULL"
	}
	return c.Column.Type.String()
}

func ids(from, to int) []any {
	var out []any
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// values reads column v of table by id, each value in a form that is the
// same whichever type holds it (see sameValue).
func (tg *Target) values(t testing.TB, table string) []string {
	t.Helper()
	query := "SELECT " + tg.Dialect.Quote("v") + " FROM " + tg.Dialect.Quote(table) + " ORDER BY " + tg.Dialect.Quote("id")
	rows, err := tg.DB.QueryContext(ctx(t), query)
	if err != nil {
		// Once more: pgx's statement cache fails the first time after the
		// column changed type, and drops the stale plan.
		rows, err = tg.DB.QueryContext(ctx(t), query)
	}
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v any
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, sameValue(v))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameValue writes v so that a value and the same value under another
// type compare equal: numbers by their value (12.50 is 12.5, true is 1),
// instants at midnight UTC as their date, text without the padding of
// CHAR(n).
func sameValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		v = string(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case time.Time:
		return sameTime(x)
	}
	s := strings.TrimRight(fmt.Sprint(v), " ")
	if r, ok := new(big.Rat).SetString(strings.TrimSpace(s)); ok {
		return r.RatString()
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", "2006-01-02"} {
		if tm, err := time.Parse(layout, s); err == nil {
			return sameTime(tm)
		}
	}
	return s
}

func sameTime(t time.Time) string {
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}
