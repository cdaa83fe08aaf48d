package drift

import (
	"errors"
	"fmt"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// MissingTypeError is a column of the models whose type the database
// must have before the column can be made (a PostgreSQL enum type or
// domain: Sakila's mpaa_rating and year) and that neither the history nor
// the migration Generate would write makes: the migration would fail when
// it runs.
type MissingTypeError struct {
	Model, Table, Column string
	// Type is the type's name, Native the column's type as written.
	Type, Native string
}

func (e *MissingTypeError) Error() string {
	return fmt.Sprintf("drift: model %s, column %s.%s has the type %s, which is not built into %s and which no migration creates (an enum type or a domain: models cannot make one); "+
		"on a database that has it, run strata migration:baseline instead of --auto, or first write a migration that makes it (ddl.CreateObject with CREATE TYPE %s AS ENUM (…) or CREATE DOMAIN %s AS …), then run --auto again",
		e.Model, e.Table, e.Column, e.Type, "the database", e.Type, e.Type)
}

// missingTypes returns a *MissingTypeError for every column of want that
// have lacks (or holds with another type) and whose native type the
// dialect of ds it names does not build in and have's objects do not
// make, joined; nil when there is none.
func missingTypes(ds []dialect.Dialect, have, want *schema.Database, ms *models) error {
	names := map[string]dialect.TypeNames{}
	for _, d := range ds {
		if tn, ok := d.(dialect.TypeNames); ok && d != nil && names[d.Name()] == nil {
			names[d.Name()] = tn
		}
	}
	var errs []error
	for _, t := range want.Tables {
		ht := have.Table(t.Name)
		for _, c := range t.Columns {
			if c.Type.Kind != schema.KindNative {
				continue
			}
			tn := names[c.Type.Dialect]
			if tn == nil || tn.BuiltinType(c.Type.Native) {
				continue
			}
			if ht != nil {
				if hc := ht.Column(c.Name); hc != nil && hc.Type.Equal(c.Type) {
					continue // the history made it: the type was there
				}
			}
			name := tn.TypeName(c.Type.Native)
			if have.Object(schema.ObjectType, "", name) != nil || have.Object(schema.ObjectDomain, "", name) != nil {
				continue
			}
			errs = append(errs, &MissingTypeError{Model: ms.modelOf(t.Name), Table: t.Name, Column: c.Name, Type: name, Native: c.Type.Native})
		}
	}
	return errors.Join(errs...)
}
