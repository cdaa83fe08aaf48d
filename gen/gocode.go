package gen

import (
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"strings"

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

// nullable is the type of a field whose nil says NULL or "not set": a
// pointer to typ, or typ itself where it has a nil of its own (a slice,
// json.RawMessage, strata.Array).
func nullable(typ string) string {
	if strings.HasPrefix(typ, "[]") || strings.HasPrefix(typ, "json.") || strings.HasPrefix(typ, "strata.") {
		return typ
	}
	return "*" + typ
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

// writeImports writes the import block of a generated file: the standard
// library first, then the other packages, each group sorted; nothing
// when there are no imports.
func writeImports(b *strings.Builder, imports map[string]bool) {
	if len(imports) == 0 {
		return
	}
	var std, other []string
	for imp := range imports {
		if strings.Contains(strings.Split(imp, "/")[0], ".") {
			other = append(other, strconv.Quote(imp))
		} else {
			std = append(std, strconv.Quote(imp))
		}
	}
	slices.Sort(std)
	slices.Sort(other)
	block := strings.Join(std, "\n")
	if len(other) > 0 {
		if block != "" {
			block += "\n\n"
		}
		block += strings.Join(other, "\n")
	}
	fmt.Fprintf(b, "import (\n%s\n)\n\n", block)
}
