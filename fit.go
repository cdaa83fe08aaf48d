package strata

import (
	"context"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Every value strata writes is checked against its column type before any
// SQL runs (see "Values that do not fit their column" in the package documentation):
// what does not fit is a *ValidationError, the same on every database.

// capacity is what the database holds of the types where it holds less
// than their definition says.
func capacity(f *dialect.QueryFeatures) model.Capacity {
	return model.Capacity{DecimalDigits: f.DecimalDigits, TextBytes: f.TextBytes, BlobBytes: f.BlobBytes}
}

// unfitValues returns the values of the row at base that do not fit their
// columns: of the fields only accepts (all when nil) that are set (a
// field not set, model.Field.Unset, is NULL or left to the database). A
// field that already failed one of its rules (failed) is not reported
// twice.
func unfitValues(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer, only func(*model.Field) bool, failed []FieldError) ([]FieldError, error) {
	f, err := c.DB().features(ctx, c.runner())
	if err != nil {
		return nil, err
	}
	check := func(fl *model.Field) bool {
		for _, fe := range failed {
			if fe.Field == fl.Name {
				return false
			}
		}
		return !fl.Unset(base) && (only == nil || only(fl))
	}
	return m.Fit(base, check, capacity(f)), nil
}

// fitAssigns checks the values of the SET terms of a query-level Update,
// Increment or Decrement (an amount must fit its column too; a value of
// the wrong kind is converted only where exact, model.Assigned) and writes
// them as Field.Value would (a UUID in lower case …): what does not fit is
// a *ValidationError.
func fitAssigns(ctx context.Context, c Conn, m *model.Model, sets []query.Assign) error {
	f, err := c.DB().features(ctx, c.runner())
	if err != nil {
		return err
	}
	var errs []FieldError
	for i, s := range sets {
		fl, err := m.Field(s.Column)
		if err != nil {
			return err
		}
		// The value as given first (its own rule: range, number, text …),
		// then of the column's kind, then as converted (a date from text).
		fe, bad := fl.Fits(s.Value, capacity(f))
		v := s.Value
		if !bad {
			v, fe, bad = m.Assigned(fl, s.Value)
		}
		if !bad {
			fe, bad = fl.Fits(v, capacity(f))
		}
		if bad {
			errs = append(errs, fe)
			continue
		}
		sets[i].Value = v
		if !s.Add {
			sets[i].Value = fl.Written(v)
		}
	}
	if len(errs) > 0 {
		return &ValidationError{Model: m.Name, Errors: errs}
	}
	return nil
}

// joinRowErrors validates the fields a join row strata builds writes (Add,
// Set, create with associations; only): its model's rules and what fits
// its columns.
func joinRowErrors(ctx context.Context, c Conn, jm *model.Model, base unsafe.Pointer, only func(*model.Field) bool) error {
	errs := jm.Validate(base, only)
	unfit, err := unfitValues(ctx, c, jm, base, only, errs)
	if err != nil {
		return err
	}
	if errs = append(errs, unfit...); len(errs) > 0 {
		return &ValidationError{Model: jm.Name, Errors: errs}
	}
	return nil
}

// throughValueError is a Through value its join row's field cannot take
// ("x" for an integer quantity), as a *ValidationError naming the field,
// like the same value in a query-level Update.
func throughValueError(jm *model.Model, fl *model.Field, v any, err error) error {
	fe, bad := fl.Fits(v, model.Capacity{})
	if !bad {
		fe = FieldError{Field: fl.Name, Column: fl.Column, Rule: "type", Message: "cannot be " + err.Error()}
	}
	return &ValidationError{Model: jm.Name, Errors: []FieldError{fe}}
}
