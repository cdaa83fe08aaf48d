package query

import (
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
	// Qual, when set, qualifies the columns that conditions and orders
	// write (Col): "orders"."userId" instead of "userId", for statements
	// over several tables. Set it around the conditions of one table.
	Qual string
	buf  []byte
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
	b.Qual = ""
}

// S writes trusted SQL text.
func (b *Builder) S(s string) *Builder {
	b.buf = append(b.buf, s...)
	return b
}

// Ident writes a quoted identifier.
func (b *Builder) Ident(name string) *Builder {
	b.buf = append(b.buf, b.D.Quote(name)...)
	return b
}

// Col writes a quoted column name, qualified by Qual when it is set.
func (b *Builder) Col(name string) *Builder {
	if b.Qual != "" {
		b.buf = append(b.buf, b.D.Quote(b.Qual)...)
		b.buf = append(b.buf, '.')
	}
	b.buf = append(b.buf, b.D.Quote(name)...)
	return b
}

// Idents writes quoted identifiers separated by ", ".
func (b *Builder) Idents(names []string) *Builder {
	for i, n := range names {
		if i > 0 {
			b.buf = append(b.buf, ", "...)
		}
		b.buf = append(b.buf, b.D.Quote(n)...)
	}
	return b
}

// Bind writes a placeholder for v and records v as its argument.
func (b *Builder) Bind(v any) *Builder {
	b.Args = append(b.Args, v)
	b.buf = append(b.buf, b.D.Placeholder(len(b.Args))...)
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
