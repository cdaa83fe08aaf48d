package model_test

import (
	"reflect"
	"testing"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// TestTagParenthesesInQuotes: a parenthesis inside a quoted enum value or
// default does not swallow the tag options after it (issue 13, defect 2:
// what model:generate writes for such values reads back exactly).
func TestTagParenthesesInQuotes(t *testing.T) {
	type Row struct {
		ID int
		E  *string `strata:",default='(',type=ENUM('(',')','it''s (a)')"`
		N  string  `strata:"n,notnull,default='a)b'"`
	}
	m, err := model.New(reflect.TypeFor[Row]())
	if err != nil {
		t.Fatal(err)
	}
	e, n := m.Fields[1], m.Fields[2]
	typ, err := e.SQLType()
	if err != nil || !typ.Equal(schema.Enum("(", ")", "it's (a)")) {
		t.Errorf("E has type %v (%v), want ENUM('(',')','it''s (a)')", typ, err)
	}
	if e.Default == nil || e.Default.Value != "(" {
		t.Errorf("E has default %+v, want '('", e.Default)
	}
	if n.Column != "n" || n.Nullable || n.Default == nil || n.Default.Value != "a)b" {
		t.Errorf("N is column %q nullable %v default %+v, want n, NOT NULL, 'a)b'", n.Column, n.Nullable, n.Default)
	}
}
