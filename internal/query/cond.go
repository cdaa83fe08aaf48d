package query

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"
)

// Columns resolves the names a condition mentions (a model's Go field names
// or column names) to column names. An unknown name is an error that names
// the model and the closest known column.
type Columns interface {
	Column(name string) (string, error)
}

// Cond is a condition of a WHERE or HAVING clause. Build writes it to b,
// every value bound, every column resolved through cols and quoted.
type Cond interface {
	Build(b *Builder, cols Columns) error
}

// ErrValue is wrapped by errors about a value a condition cannot bind: a
// map, a struct that is not a time or a driver.Valuer, a function, a
// channel, a nested list.
var ErrValue = errors.New("unsupported value")

// ValueError is a value that cannot be bound in a condition or a write.
type ValueError struct {
	Column string
	Value  any
	Why    string
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("column %q: %s %s: %s", e.Column, ErrValue, typeName(e.Value), e.Why)
}

// Unwrap returns ErrValue.
func (e *ValueError) Unwrap() error { return ErrValue }

func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

var (
	valuerType = reflect.TypeFor[driver.Valuer]()
	timeType   = reflect.TypeFor[time.Time]()
)

// CheckScalar reports an error unless v can be bound as one value: nil, a
// bool, number, string, []byte, time.Time, a driver.Valuer, or a pointer to
// one of those.
func CheckScalar(col string, v any) error {
	if v == nil {
		return nil
	}
	switch v.(type) {
	case string, int, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8,
		float64, float32, bool, []byte, time.Time, driver.Valuer:
		return nil
	}
	if isScalarType(reflect.TypeOf(v)) {
		return nil
	}
	return &ValueError{Column: col, Value: v, Why: "a condition or column takes a single value (a number, string, bool, time, []byte or nil); use In for a list"}
}

func isScalarType(t reflect.Type) bool {
	if t.Implements(valuerType) || t == timeType {
		return true
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.String:
		return true
	case reflect.Slice:
		return t.Elem().Kind() == reflect.Uint8
	case reflect.Pointer:
		return isScalarType(t.Elem())
	}
	return false
}

// listValues returns the elements of a list value (a slice or array, not
// []byte), each checked to be a scalar.
func listValues(col string, v any) ([]any, error) {
	rv := reflect.ValueOf(v)
	if v == nil || (rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array) || rv.Type().Elem().Kind() == reflect.Uint8 {
		return nil, &ValueError{Column: col, Value: v, Why: "In and NotIn take a slice of values"}
	}
	out := make([]any, rv.Len())
	for i := range out {
		e := rv.Index(i).Interface()
		if err := CheckScalar(col, e); err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

func isList(v any) bool {
	if v == nil {
		return false
	}
	t := reflect.TypeOf(v)
	return (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && t.Elem().Kind() != reflect.Uint8
}

type compare struct {
	col string
	op  string
	v   any
}

// Eq is col = v; with a nil v it is col IS NULL.
func Eq(col string, v any) Cond { return compare{col, "=", v} }

// Ne is col <> v; with a nil v it is col IS NOT NULL.
func Ne(col string, v any) Cond { return compare{col, "<>", v} }

// Gt is col > v.
func Gt(col string, v any) Cond { return compare{col, ">", v} }

// Gte is col >= v.
func Gte(col string, v any) Cond { return compare{col, ">=", v} }

// Lt is col < v.
func Lt(col string, v any) Cond { return compare{col, "<", v} }

// Lte is col <= v.
func Lte(col string, v any) Cond { return compare{col, "<=", v} }

func (c compare) Build(b *Builder, cols Columns) error {
	col, err := cols.Column(c.col)
	if err != nil {
		return err
	}
	if err := CheckScalar(col, c.v); err != nil {
		return err
	}
	if isNil(c.v) {
		switch c.op {
		case "=":
			b.Col(col).S(" IS NULL")
			return nil
		case "<>":
			b.Col(col).S(" IS NOT NULL")
			return nil
		}
		return &ValueError{Column: col, Value: c.v, Why: "nil compares with Eq or Ne only (IS NULL / IS NOT NULL)"}
	}
	v, p, err := operand(cols, col, c.v)
	if err != nil {
		return err
	}
	if p != Inside {
		return settle(b, col, c.op, c.v, p)
	}
	b.Col(col).S(" ").S(c.op).S(" ").BindOperand(v)
	return nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

type in struct {
	col  string
	vals any
	not  bool
}

// In is col IN (values…); values is a slice. An empty slice matches no row.
func In(col string, values any) Cond { return in{col, values, false} }

// NotIn is col NOT IN (values…); values is a slice. An empty slice matches
// every row.
func NotIn(col string, values any) Cond { return in{col, values, true} }

func (c in) Build(b *Builder, cols Columns) error {
	col, err := cols.Column(c.col)
	if err != nil {
		return err
	}
	vals, err := listValues(col, c.vals)
	if err != nil {
		return err
	}
	if len(vals) == 0 {
		if c.not {
			b.S("1 = 1")
		} else {
			b.S("1 = 0")
		}
		return nil
	}
	// A value the column cannot hold equals no row's: it leaves the list.
	// Leaving an Apart value out of a list that excludes (NOT IN) would
	// select the rows holding it if the live column can hold it after all
	// (see settle): that is an error.
	kept := vals[:0]
	for _, v := range vals {
		x, p, err := operand(cols, col, v)
		if err != nil {
			return err
		}
		switch {
		case p == Inside:
			kept = append(kept, x)
		case p == Apart && b.selects(c.not):
			return apartError(col, v)
		}
	}
	if vals = kept; len(vals) == 0 {
		b.truth(col, c.not)
		return nil
	}
	b.Col(col)
	if c.not {
		b.S(" NOT")
	}
	b.S(" IN (")
	for i, v := range vals {
		if i > 0 {
			b.S(", ")
		}
		b.BindOperand(v)
	}
	b.S(")")
	return nil
}

type like struct {
	col     string
	pattern any
	not     bool
	fold    bool
}

// Like is col LIKE pattern.
func Like(col string, pattern any) Cond { return like{col: col, pattern: pattern} }

// NotLike is col NOT LIKE pattern.
func NotLike(col string, pattern any) Cond { return like{col: col, pattern: pattern, not: true} }

// ILike is a case-insensitive LIKE: ILIKE on PostgreSQL, LOWER(col) LIKE
// LOWER(pattern) elsewhere.
func ILike(col string, pattern any) Cond { return like{col: col, pattern: pattern, fold: true} }

// NotILike is the negation of ILike.
func NotILike(col string, pattern any) Cond {
	return like{col: col, pattern: pattern, fold: true, not: true}
}

func (c like) Build(b *Builder, cols Columns) error {
	col, err := cols.Column(c.col)
	if err != nil {
		return err
	}
	if err := CheckScalar(col, c.pattern); err != nil {
		return err
	}
	if isNil(c.pattern) {
		return &ValueError{Column: col, Value: c.pattern, Why: "LIKE needs a pattern, not nil"}
	}
	p, trim, err := pattern(cols, col, c.pattern)
	if err != nil {
		return err
	}
	not := ""
	if c.not {
		not = "NOT "
	}
	column := func() {
		if trim {
			b.S("RTRIM(").Col(col).S(")")
		} else {
			b.Col(col)
		}
	}
	switch {
	case c.fold && b.F.ILike:
		column()
		b.S(" " + not + "ILIKE ").Bind(p)
	case c.fold:
		b.S("LOWER(")
		column()
		b.S(") " + not + "LIKE LOWER(").Bind(p).S(")")
	default:
		column()
		b.S(" " + not + "LIKE ").Bind(p)
	}
	return nil
}

type between struct {
	col    string
	lo, hi any
	not    bool
}

// Between is col BETWEEN lo AND hi.
func Between(col string, lo, hi any) Cond { return between{col, lo, hi, false} }

// NotBetween is col NOT BETWEEN lo AND hi.
func NotBetween(col string, lo, hi any) Cond { return between{col, lo, hi, true} }

func (c between) Build(b *Builder, cols Columns) error {
	col, err := cols.Column(c.col)
	if err != nil {
		return err
	}
	var bound [2]any
	var place [2]Place
	for i, v := range []any{c.lo, c.hi} {
		if err := CheckScalar(col, v); err != nil {
			return err
		}
		if isNil(v) {
			return &ValueError{Column: col, Value: v, Why: "BETWEEN needs two bounds, not nil"}
		}
		if bound[i], place[i], err = operand(cols, col, v); err != nil {
			return err
		}
		if place[i] == Apart {
			return &ValueError{Column: col, Value: v, Why: "BETWEEN compares ordered values, and the column holds none equal to it or ordered with it"}
		}
	}
	// A bound beyond every value the column holds is either no bound at
	// all (lo below them, hi above them) or leaves no row.
	switch lo, hi := place[0], place[1]; {
	case lo == Above || hi == Below:
		b.truth(col, c.not)
	case lo == Below && hi == Above:
		b.truth(col, !c.not)
	case lo == Below:
		op := " <= "
		if c.not {
			op = " > "
		}
		b.Col(col).S(op).BindOperand(bound[1])
	case hi == Above:
		op := " >= "
		if c.not {
			op = " < "
		}
		b.Col(col).S(op).BindOperand(bound[0])
	default:
		b.Col(col)
		if c.not {
			b.S(" NOT")
		}
		b.S(" BETWEEN ").BindOperand(bound[0]).S(" AND ").BindOperand(bound[1])
	}
	return nil
}

type null struct {
	col string
	not bool
}

// IsNull is col IS NULL.
func IsNull(col string) Cond { return null{col, false} }

// NotNull is col IS NOT NULL.
func NotNull(col string) Cond { return null{col, true} }

func (c null) Build(b *Builder, cols Columns) error {
	col, err := cols.Column(c.col)
	if err != nil {
		return err
	}
	b.Col(col)
	if c.not {
		b.S(" IS NOT NULL")
	} else {
		b.S(" IS NULL")
	}
	return nil
}

type group struct {
	op    string
	conds []Cond
}

// And holds when every cond holds. And() with no conditions is an error
// when built, never "every row".
func And(conds ...Cond) Cond { return group{" AND ", conds} }

// Or holds when any cond holds. Or() with no conditions is an error when
// built.
func Or(conds ...Cond) Cond { return group{" OR ", conds} }

func (g group) Build(b *Builder, cols Columns) error {
	if len(g.conds) == 0 {
		return fmt.Errorf("%s with no conditions: %w", g.op[1:len(g.op)-1], ErrEmptyCondition)
	}
	if len(g.conds) == 1 {
		return buildCond(b, g.conds[0], cols)
	}
	b.S("(")
	for i, c := range g.conds {
		if i > 0 {
			b.S(g.op)
		}
		if err := buildCond(b, c, cols); err != nil {
			return err
		}
	}
	b.S(")")
	return nil
}

// ErrEmptyCondition is wrapped by errors about a condition with nothing in
// it (an empty And, Or or Fields), which strata refuses rather than read as
// "every row".
var ErrEmptyCondition = errors.New("empty condition")

func buildCond(b *Builder, c Cond, cols Columns) error {
	if c == nil {
		return fmt.Errorf("nil condition: %w", ErrEmptyCondition)
	}
	return c.Build(b, cols)
}

type not struct{ c Cond }

// Not negates cond.
func Not(cond Cond) Cond { return not{cond} }

func (n not) Build(b *Builder, cols Columns) error {
	b.S("NOT (")
	b.neg++
	err := buildCond(b, n.c, cols)
	b.neg--
	if err != nil {
		return err
	}
	b.S(")")
	return nil
}

type raw struct {
	sql  string
	args []any
}

// Raw is hand-written SQL with ? placeholders for args. Its text is used
// as it is (never build it from user input); args are bound. A slice
// argument (other than []byte) expands to a list of placeholders, for
// IN (?).
func Raw(sql string, args ...any) Cond { return raw{sql, args} }

func (r raw) Build(b *Builder, _ Columns) error {
	b.S("(")
	if err := WriteRaw(b, r.sql, r.args); err != nil {
		return err
	}
	b.S(")")
	return nil
}

// WriteRaw writes hand-written sql with its ? placeholders bound to args,
// after checking that their numbers agree (a *BindCountError). The ? are
// those the database reads as parameters (see Tokenize); a placeholder
// next to a name or number is set off by a space (see Rebind).
func WriteRaw(b *Builder, sql string, args []any) error {
	toks, err := Tokenize(sql, b.F)
	if err != nil {
		return err
	}
	n := 0
	for _, t := range toks {
		if t.Kind == TokPlaceholder {
			n++
		}
	}
	if n != len(args) {
		return &BindCountError{SQL: abbreviate(sql), Placeholders: n, Args: len(args)}
	}
	if err := oneStatement(toks); err != nil {
		return err
	}
	i := 0
	for k, t := range toks {
		switch t.Kind {
		case TokPlaceholder:
			a := args[i]
			i++
			next := nextByte(toks, k)
			if isList(a) {
				vals, err := listValues(fmt.Sprintf("argument %d", i), a)
				if err != nil {
					return err
				}
				if len(vals) == 0 {
					b.separate("N")
					b.S("NULL")
					b.separateNext(next)
				}
				for j, v := range vals {
					if j > 0 {
						b.S(", ")
					}
					b.bindRaw(v, next, j == len(vals)-1)
				}
				continue
			}
			if err := CheckScalar(fmt.Sprintf("argument %d", i), a); err != nil {
				return err
			}
			b.bindRaw(a, next, true)
		case TokQuestion:
			b.S("?")
		default:
			b.S(t.Text)
		}
	}
	return nil
}

// bindRaw binds v in hand-written SQL: with a space before the
// placeholder when it would join the name or number before it, and (when
// last) after it when it would join next.
func (b *Builder) bindRaw(v any, next byte, last bool) {
	b.separate(b.D.Placeholder(1))
	b.Bind(v)
	if last {
		b.separateNext(next)
	}
}

// separate writes a space when the text so far ends in a name or number
// byte and what follows starts with one.
func (b *Builder) separate(follow string) {
	if len(b.buf) > 0 && follow != "" && identCont(b.buf[len(b.buf)-1]) && identCont(follow[0]) {
		b.buf = append(b.buf, ' ')
	}
}

// separateNext writes a space when next starts a name or number.
func (b *Builder) separateNext(next byte) {
	if identCont(next) {
		b.buf = append(b.buf, ' ')
	}
}

func abbreviate(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// Fields is a condition from a map of column (or field) name to value, all
// of which must hold: a scalar means =, nil means IS NULL, a slice means
// IN. A nested map, a struct or any other value is an error, never a
// broader query; so is an empty Fields. This makes a where decoded from
// JSON safe to use.
type Fields map[string]any

// Build writes the conditions in the order of their names, so the text is
// the same for the same keys.
func (f Fields) Build(b *Builder, cols Columns) error {
	if len(f) == 0 {
		return fmt.Errorf("Fields with no entries: %w", ErrEmptyCondition)
	}
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 1 {
		b.S("(")
	}
	for i, k := range keys {
		if i > 0 {
			b.S(" AND ")
		}
		v := f[k]
		var c Cond
		if isList(v) {
			c = In(k, v)
		} else {
			c = Eq(k, v)
		}
		if err := c.Build(b, cols); err != nil {
			return err
		}
	}
	if len(keys) > 1 {
		b.S(")")
	}
	return nil
}

// Equalities returns the column = value pairs a condition fixes, for
// FindOrCreate: Eq with a value, and Fields and And of those. ok is false
// when cond holds anything else.
func Equalities(cond Cond) (pairs map[string]any, ok bool) {
	pairs = map[string]any{}
	var walk func(c Cond) bool
	walk = func(c Cond) bool {
		switch x := c.(type) {
		case compare:
			if x.op != "=" {
				return false
			}
			pairs[x.col] = x.v
			return true
		case Fields:
			for k, v := range x {
				if isList(v) {
					return false
				}
				pairs[k] = v
			}
			return true
		case group:
			if x.op != " AND " {
				return false
			}
			for _, c := range x.conds {
				if !walk(c) {
					return false
				}
			}
			return true
		}
		return false
	}
	return pairs, walk(cond)
}
