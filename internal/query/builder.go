package query

import (
	"math"
	"strconv"

	"github.com/strata-orm/strata/dialect"
)

// Builder accumulates the text and bind arguments of one statement for one
// dialect. Values only ever reach the statement through Bind; identifiers
// only through Ident, which quotes them.
type Builder struct {
	D    dialect.Dialect
	F    *dialect.QueryFeatures
	Args []any
	buf  []byte
	// qual, when set, qualifies the columns that conditions and orders
	// write (Col): "orders"."userId" instead of "userId", for statements
	// over several tables. Select.Qualify and Qualify set it around the
	// conditions of one table.
	qual string
	neg  int // how many Nots the condition being written is inside

	// Kept across Reset, so that a pooled builder quotes and numbers
	// without allocating: quoted identifiers, and how D writes
	// placeholders.
	quoted map[string]string
	ph     phStyle
}

// phStyle is how a dialect writes placeholders, learned from
// Placeholder(1).
type phStyle uint8

const (
	phUnknown  phStyle = iota
	phQuestion         // ?
	phDollar           // $1, $2 …
	phOther            // ask the dialect each time
)

// maxQuoted bounds the identifiers a builder remembers.
const maxQuoted = 512

// quote returns name quoted by the dialect, remembered.
func (b *Builder) quote(name string) string {
	if q, ok := b.quoted[name]; ok {
		return q
	}
	q := b.D.Quote(name)
	if b.quoted == nil {
		b.quoted = make(map[string]string)
	}
	if len(b.quoted) < maxQuoted {
		b.quoted[name] = q
	}
	return q
}

// NewBuilder returns an empty builder for d with features f.
func NewBuilder(d dialect.Dialect, f *dialect.QueryFeatures) *Builder {
	return &Builder{D: d, F: f}
}

// Reset empties the builder for reuse.
func (b *Builder) Reset() {
	b.buf = b.buf[:0]
	clear(b.Args)
	b.Args = b.Args[:0]
	b.qual = ""
	b.neg = 0
}

// S writes trusted SQL text.
func (b *Builder) S(s string) *Builder {
	b.buf = append(b.buf, s...)
	return b
}

// Ident writes a quoted identifier.
func (b *Builder) Ident(name string) *Builder {
	b.buf = append(b.buf, b.quote(name)...)
	return b
}

// Col writes a quoted column name, qualified by the table whose
// conditions are being written when the statement qualifies them
// (Select.Qualify, Qualify).
func (b *Builder) Col(name string) *Builder {
	if b.qual != "" {
		b.buf = append(b.buf, b.quote(b.qual)...)
		b.buf = append(b.buf, '.')
	}
	b.buf = append(b.buf, b.quote(name)...)
	return b
}

// Idents writes quoted identifiers separated by ", ".
func (b *Builder) Idents(names []string) *Builder {
	for i, n := range names {
		if i > 0 {
			b.buf = append(b.buf, ", "...)
		}
		b.buf = append(b.buf, b.quote(n)...)
	}
	return b
}

// BindOperand binds v as a value compared with a column. Where the
// database types a placeholder from the column it is compared with
// (QueryFeatures.WideIntCast: PostgreSQL), an integer beyond 32 bits is
// cast to a 64-bit integer, so that a narrower column (an INTEGER)
// compares with it rather than the driver refusing to send it.
func (b *Builder) BindOperand(v any) *Builder {
	b.Bind(v)
	if b.F.WideIntCast == "" {
		return b
	}
	switch n := v.(type) {
	case int64:
		if n < math.MinInt32 || n > math.MaxInt32 {
			b.S(b.F.WideIntCast)
		}
	case int:
		if n < math.MinInt32 || n > math.MaxInt32 {
			b.S(b.F.WideIntCast)
		}
	case uint64:
		if n > math.MaxInt32 {
			b.S(b.F.WideIntCast)
		}
	}
	return b
}

// Bind writes a placeholder for v and records v as its argument.
func (b *Builder) Bind(v any) *Builder {
	b.Args = append(b.Args, v)
	if b.ph == phUnknown {
		switch b.D.Placeholder(1) {
		case "?":
			b.ph = phQuestion
		case "$1":
			b.ph = phDollar
		default:
			b.ph = phOther
		}
	}
	switch b.ph {
	case phQuestion:
		b.buf = append(b.buf, '?')
	case phDollar:
		b.buf = strconv.AppendInt(append(b.buf, '$'), int64(len(b.Args)), 10)
	default:
		b.buf = append(b.buf, b.D.Placeholder(len(b.Args))...)
	}
	return b
}

// Int writes an integer literal (used for nothing a caller controls but
// numbers).
func (b *Builder) Int(n int64) *Builder {
	b.buf = strconv.AppendInt(b.buf, n, 10)
	return b
}

// SQL returns the statement text built so far.
func (b *Builder) SQL() string { return string(b.buf) }

// Len is the length of the text built so far.
func (b *Builder) Len() int { return len(b.buf) }

// TakeArgs returns the arguments bound so far and leaves the builder with
// none, so that the builder can be reused while the arguments are in use.
func (b *Builder) TakeArgs() []any {
	a := b.Args
	b.Args = nil
	return a
}
