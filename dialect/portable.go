package dialect

import "github.com/strata-orm/strata/schema"

// PortableTypes is implemented by a dialect that can say which portable
// type one of its native types holds the same values as, spelling aside:
// SQLite's INT or varchar(40), MySQL's TIMESTAMP or MEDIUMTEXT. CheckSchema
// uses it so that a table a raw statement or another tool made, with the
// database's own spelling, does not differ from a model that asks for the
// portable type. Inspect still reads the native spelling, so a rebuild
// makes it exactly.
type PortableTypes interface {
	// PortableOf returns the portable type a native type t of the dialect
	// holds the same values as, and false when there is none (an unsigned
	// integer, a YEAR, a tsvector).
	PortableOf(t schema.Type) (schema.Type, bool)
}

// SameValues reports whether columns of types a and b hold the same
// values on d: the same type, or a native type d says stands for the
// other.
func SameValues(d Dialect, a, b schema.Type) bool {
	if a.Equal(b) {
		return true
	}
	p, ok := d.(PortableTypes)
	if !ok {
		return false
	}
	for _, pair := range [][2]schema.Type{{a, b}, {b, a}} {
		if pair[0].Kind == schema.KindNative && pair[0].Dialect == d.Name() {
			if t, ok := p.PortableOf(pair[0]); ok && t.Equal(pair[1]) {
				return true
			}
		}
	}
	return false
}
