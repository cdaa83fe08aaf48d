package sqlitedialect

// Internals exposed to the package's external tests.

// TableDef is what ParseCreateTable reads.
type TableDef = tableDef

// ColumnDef is one column of a TableDef.
type ColumnDef = columnDef

var (
	ParseDeclType    = parseDeclType
	ParseDefault     = parseDefault
	RenderDefault    = renderDefault
	NormalizeExpr    = normalizeExpr
	ParseCreateTable = parseCreateTable
	ParseCreateIndex = parseCreateIndex
	ParseEnumCheck   = parseEnumCheck
	UUIDv4Expr       = uuidV4Expr
)

// Tokens returns the text of each token of s.
func Tokens(s string) ([]string, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(toks))
	for i, t := range toks {
		if t.pos < 0 || t.end > len(s) || t.pos >= t.end || s[t.pos:t.end] != t.text {
			panic("token out of place")
		}
		if i > 0 && t.pos < toks[i-1].end {
			panic("tokens overlap")
		}
		out[i] = t.text
	}
	return out, nil
}

// DSN returns the driver data source name Open would use.
func (l Location) DSN() string { return l.dsn() }
