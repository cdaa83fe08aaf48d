package dialect

// TypeNames is the optional ability of a dialect whose databases hold
// types a user makes (PostgreSQL's CREATE TYPE and CREATE DOMAIN): it tells
// a type the database has from the start from one that must be made
// before a column can use it. drift's migration:generate --auto asks it,
// so that a migration never names a type nothing in it makes.
type TypeNames interface {
	// BuiltinType reports whether native, a column type as the dialect
	// spells it (schema.Type.Native: "character varying(10)",
	// "integer[]", "mpaa_rating"), is one every database of the dialect
	// has.
	BuiltinType(native string) bool
	// TypeName is the name of the type native spells, without modifiers,
	// array brackets, quotes or schema ("year", "mpaa_rating"): the name
	// of the schema.Object that makes it.
	TypeName(native string) string
}
