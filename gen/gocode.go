package gen

import (
	"fmt"
	"go/format"

	"github.com/strata-orm/strata/schema"
)

// goType is the Go type of a model field for t, and the import it needs.
func goType(t schema.Type) (string, string) {
	switch t.Kind {
	case schema.KindInteger:
		return "int", ""
	case schema.KindBigInt:
		return "int64", ""
	case schema.KindSmallInt:
		return "int16", ""
	case schema.KindFloat:
		return "float32", ""
	case schema.KindDouble:
		return "float64", ""
	case schema.KindBoolean:
		return "bool", ""
	case schema.KindDate, schema.KindDateOnly:
		return "time.Time", "time"
	case schema.KindJSON, schema.KindJSONB:
		return "json.RawMessage", "encoding/json"
	case schema.KindBlob:
		return "[]byte", ""
	case schema.KindArray:
		// strata.Array reads and writes PostgreSQL's array form.
		elem, _ := goType(*t.Elem)
		switch elem {
		case "string", "int", "int16", "int64", "float32", "float64", "bool":
			return "strata.Array[" + elem + "]", "github.com/strata-orm/strata"
		}
		return "strata.Array[string]", "github.com/strata-orm/strata"
	}
	// STRING, CHAR, TEXT, DECIMAL (exact, as Sequelize returns it), TIME, UUID, ENUM.
	return "string", ""
}

// gofmt formats generated source, reporting the source on failure (a bug in
// the generator, never in the user's input).
func gofmt(src string) ([]byte, error) {
	out, err := format.Source([]byte(src))
	if err != nil {
		return nil, fmt.Errorf("gen: generated code does not parse (a strata bug): %v\n%s", err, src)
	}
	return out, nil
}
