package pgdialect

import "testing"

func TestTypeNames(t *testing.T) {
	d := New()
	for _, c := range []struct {
		native, name string
		builtin      bool
	}{
		{"character varying(10)", "character varying", true},
		{"timestamp(6) without time zone", "timestamp without time zone", true},
		{"integer[]", "integer", true},
		{"tsvector", "tsvector", true},
		{"numeric(5,2)", "numeric", true},
		{`"char"`, `"char"`, true},
		{"mpaa_rating", "mpaa_rating", false},
		{"year", "year", false},
		{"public.year", "year", false},
		{`"Mood"[]`, "Mood", false},
	} {
		if got := d.TypeName(c.native); got != c.name {
			t.Errorf("TypeName(%q) = %q, want %q", c.native, got, c.name)
		}
		if got := d.BuiltinType(c.native); got != c.builtin {
			t.Errorf("BuiltinType(%q) = %v, want %v", c.native, got, c.builtin)
		}
	}
}
