package gen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strata-orm/strata/ddl"
)

// importedField marks a written migration as imported (names as
// sequelize-cli accepted them; what the team's database accepted is a
// warning).
const importedField = "Imported: true,\n"

// ImportedFile is one migration or seeder of a sequelize-cli project as
// its recording gave it, what ImportedMigration writes as Go.
type ImportedFile struct {
	// Name is the migration's name: the file's name without its
	// extension, so the rows of SequelizeMeta keep matching.
	Name string
	// File is the original file as the comment names it.
	File string
	// Source is the original file's text, kept in a skeleton.
	Source []byte
	// Up and Down are the operations recorded (Down nil: no down).
	Up, Down []ddl.Op
	// NoTx runs the migration outside a transaction.
	NoTx bool
	// Problems are what could not be recorded; any makes a skeleton.
	Problems []ImportProblem
	// Warnings are written as comments above the migration.
	Warnings []string
}

// ImportProblem is one construct that stopped the recording of a file.
type ImportProblem struct {
	Direction string // "up" or "down"
	Line      int
	Construct string
	Reason    string
}

// ImportedMigration returns the Go source of f in package pkg
// ("migrations" or "seeders"): its Up and Down as ddl operations, marked
// Imported, with a comment naming the original file. A file with Problems
// becomes a skeleton instead: the original source in a constant, each
// problem with its line in the comment, what was recorded in variables,
// and an UpFunc and DownFunc that return a *migrate.NotPortedError until a
// person ports it.
func ImportedMigration(pkg string, f ImportedFile) ([]byte, error) {
	if err := checkMigrationName(f.Name); err != nil {
		return nil, err
	}
	if err := checkPackage(pkg); err != nil {
		return nil, err
	}
	if r := checkText(f.File); r != "" {
		return nil, &NameError{"file", f.File, r}
	}
	if len(f.Problems) > 0 {
		return skeleton(pkg, f)
	}
	var body strings.Builder
	fmt.Fprintf(&body, "func init() {\nAll.Add(migrate.Migration{\nName: %s,\n%sUp: %s,\n", strconv.Quote(f.Name), importedField, opsList(f.Up))
	if f.Down != nil {
		fmt.Fprintf(&body, "Down: %s,\n", opsList(f.Down))
	}
	if f.NoTx {
		body.WriteString("NoTx: true,\n")
	}
	body.WriteString("})\n}\n")
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	writeImports(&b, importsFor(body.String(), "github.com/strata-orm/strata/migrate"))
	fmt.Fprintf(&b, "// Imported by strata migration:import from %s.\n", commentText(f.File))
	writeWarnings(&b, f.Warnings)
	b.WriteString(body.String())
	return gofmt(b.String())
}

// skeleton writes the migration of a file that could not be recorded.
func skeleton(pkg string, f ImportedFile) ([]byte, error) {
	id := "imported" + camelIdent(f.Name)
	failing := map[string]bool{}
	for _, p := range f.Problems {
		failing[p.Direction] = true
	}
	var decls strings.Builder
	fmt.Fprintf(&decls, "// %sSource is the original file, %s.\nconst %sSource = %s\n\n", id, commentText(f.File), id, goText(string(f.Source)))
	for _, d := range []struct {
		dir  string
		ops  []ddl.Op
		name string
	}{{"up", f.Up, "Up"}, {"down", f.Down, "Down"}} {
		if d.ops == nil {
			continue
		}
		what := "as recorded in full: keep it as the migration's " + d.name
		if failing[d.dir] {
			what = "as far as it was recorded, up to the first construct that was not"
		}
		fmt.Fprintf(&decls, "// %sRecorded%s is the %s of %s %s.\nvar %sRecorded%s = %s\n\n", id, d.name, d.dir, commentText(f.File), what, id, d.name, opsList(d.ops))
	}
	fmt.Fprintf(&decls, "// %sNotPorted is the error the migration returns until it is ported.\nfunc %sNotPorted(direction string) error {\n", id, id)
	fmt.Fprintf(&decls, "return &migrate.NotPortedError{\nMigration: %s,\nFile: %s,\nDirection: direction,\nProblems: []migrate.NotPorted{\n", strconv.Quote(f.Name), strconv.Quote(f.File))
	for _, p := range f.Problems {
		fmt.Fprintf(&decls, "{Direction: %s, Line: %d, Construct: %s, Reason: %s},\n", strconv.Quote(p.Direction), p.Line, strconv.Quote(p.Construct), strconv.Quote(p.Reason))
	}
	decls.WriteString("},\n}\n}\n\n")
	fmt.Fprintf(&decls, "func init() {\nAll.Add(migrate.Migration{\nName: %s,\n%s", strconv.Quote(f.Name), importedField)
	decls.WriteString("// Port it: replace UpFunc and DownFunc with Up and Down (ddl operations) or with Go code.\n")
	fmt.Fprintf(&decls, "UpFunc: func(ctx context.Context, ex migrate.Executor) error { return %sNotPorted(\"up\") },\n", id)
	fmt.Fprintf(&decls, "DownFunc: func(ctx context.Context, ex migrate.Executor) error { return %sNotPorted(\"down\") },\n", id)
	if f.NoTx {
		decls.WriteString("NoTx: true,\n")
	}
	decls.WriteString("})\n}\n")

	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	imports := importsFor(decls.String(), "github.com/strata-orm/strata/migrate")
	imports["context"] = true
	writeImports(&b, imports)
	fmt.Fprintf(&b, "// Imported by strata migration:import from %s, which could not be\n// recorded in full: this migration fails until a person ports it.\n//\n", commentText(f.File))
	for _, p := range f.Problems {
		fmt.Fprintf(&b, "//   - %s, line %d: %s", p.Direction, p.Line, commentText(p.Reason))
		if p.Construct != "" {
			fmt.Fprintf(&b, " (%s)", commentText(p.Construct))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "//\n// Port it: write what %sSource does as Up and Down (ddl operations;\n// what was recorded is in the variables below) or as UpFunc and DownFunc\n// (Go code, with ex.ExecContext for data), then delete the constant, the\n// variables and this note.\n", id)
	writeWarnings(&b, f.Warnings)
	b.WriteString("\n")
	b.WriteString(decls.String())
	return gofmt(b.String())
}

// opsList is ops as a []ddl.Op literal, one operation a line.
func opsList(ops []ddl.Op) string {
	var b strings.Builder
	b.WriteString("[]ddl.Op{\n")
	for _, op := range ops {
		b.WriteString(op.GoString())
		b.WriteString(",\n")
	}
	b.WriteString("}")
	return b.String()
}

// importsFor is the imports the printed code uses, with always.
func importsFor(code string, always string) map[string]bool {
	imports := map[string]bool{always: true}
	for prefix, path := range map[string]string{
		"ddl.": "github.com/strata-orm/strata/ddl", "schema.": "github.com/strata-orm/strata/schema", "time.": "time",
	} {
		if usesPackage(code, prefix) {
			imports[path] = true
		}
	}
	return imports
}

// usesPackage reports whether code names prefix (such as "time.") outside
// string literals, as an identifier of its own.
func usesPackage(code, prefix string) bool {
	inStr := byte(0)
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inStr != 0:
			if c == '\\' && inStr == '"' {
				i++
			} else if c == inStr {
				inStr = 0
			}
		case c == '"' || c == '`':
			inStr = c
		case c == '/' && i+1 < len(code) && code[i+1] == '/':
			for i < len(code) && code[i] != '\n' {
				i++
			}
		case strings.HasPrefix(code[i:], prefix) && (i == 0 || !isIdentByte(code[i-1])):
			return true
		}
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// writeWarnings writes the recording's warnings as a comment.
func writeWarnings(b *strings.Builder, warnings []string) {
	if len(warnings) == 0 {
		return
	}
	b.WriteString("//\n// Recorded as the team's database accepted it:\n")
	for _, w := range warnings {
		fmt.Fprintf(b, "//   - %s\n", commentText(w))
	}
}

// commentText is s on one comment line.
func commentText(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "?")), " ")
}

// camelIdent is name's letters and digits, each run capitalized:
// "20261126184503-create-user" is "20261126184503CreateUser".
func camelIdent(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if up {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
			continue
		}
		up = true
	}
	return b.String()
}

// goText is s as a Go string literal: a raw string where it can be one
// (valid UTF-8 without NUL or carriage returns, which a raw string drops),
// its backticks spliced in; otherwise a quoted string.
func goText(s string) string {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\r\ufeff") {
		return strconv.Quote(s)
	}
	return "`" + strings.ReplaceAll(s, "`", "` + \"`\" + `") + "`"
}
