package gen

import (
	"strings"
	"testing"
)

// A column that is another field's Go name would make a model strata
// refuses to load (a condition may name either); model:generate refuses
// it with both attributes named (found by FuzzParseAttributes).
func TestColumnIsAnotherFieldsName(t *testing.T) {
	for _, tt := range []struct{ attrs, want string }{
		{"A_B:string,AB:text", "attribute 'AB' maps to column 'AB', which is the Go field name of attribute 'A_B'"},
	} {
		attrs, err := ParseAttributes(tt.attrs)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Model(ModelSpec{Name: "thing", Attributes: attrs})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.attrs, err, tt.want)
		}
	}
}
