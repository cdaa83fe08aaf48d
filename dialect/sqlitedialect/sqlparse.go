package sqlitedialect

import (
	"errors"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// matchParen returns the index of the ")" that closes the "(" at toks[i],
// or -1.
func matchParen(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch {
		case toks[j].punct("("):
			depth++
		case toks[j].punct(")"):
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// splitTop splits toks at the commas outside parentheses. Empty parts are
// dropped.
func splitTop(toks []token) [][]token {
	var out [][]token
	depth, start := 0, 0
	for i, t := range toks {
		switch {
		case t.punct("("):
			depth++
		case t.punct(")"):
			depth--
		case t.punct(",") && depth == 0:
			if i > start {
				out = append(out, toks[start:i])
			}
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// tableDef is what strata reads from a CREATE TABLE statement: what the
// PRAGMAs do not say (constraint names, AUTOINCREMENT, column checks).
type tableDef struct {
	Name        string
	Columns     []columnDef
	PrimaryKey  []string
	Uniques     []schema.Unique
	ForeignKeys []schema.ForeignKey
	Checks      []schema.Check // table checks; an unnamed one has Name ""
}

// columnDef is one column definition of a CREATE TABLE statement.
type columnDef struct {
	Name          string
	Type          string // the declared type, as written
	PrimaryKey    bool
	AutoIncrement bool
	Unique        bool
	UniqueName    string
	Checks        []schema.Check     // column checks; an unnamed one has Name ""
	ForeignKey    *schema.ForeignKey // a column REFERENCES clause
	Collation     string             // COLLATE name, as written
	Generated     *schema.Generated  // [GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]
}

// column returns the definition of the named column (case-insensitively,
// as SQLite compares names), or nil.
func (t *tableDef) column(name string) *columnDef {
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

// constraintStarts are the words that begin a column constraint.
var constraintStarts = map[string]bool{
	"CONSTRAINT": true, "PRIMARY": true, "NOT": true, "NULL": true, "UNIQUE": true, "CHECK": true,
	"DEFAULT": true, "COLLATE": true, "REFERENCES": true, "GENERATED": true, "AS": true,
}

// parseCreateTable reads a CREATE TABLE statement as sqlite_master keeps
// it. It understands SQLite's whole grammar for columns and constraints,
// skipping what strata does not model, and never panics; it fails on a
// statement that is not a CREATE TABLE with a column list.
func parseCreateTable(sql string) (*tableDef, error) {
	toks, err := tokenize(sql)
	if err != nil {
		return nil, fmt.Errorf("parse CREATE TABLE: %w", err)
	}
	i := 0
	next := func(kw string) bool {
		if i < len(toks) && toks[i].word(kw) {
			i++
			return true
		}
		return false
	}
	if !next("CREATE") {
		return nil, errors.New("parse CREATE TABLE: statement does not start with CREATE")
	}
	_ = next("TEMP") || next("TEMPORARY")
	if !next("TABLE") {
		return nil, errors.New("parse CREATE TABLE: not a CREATE TABLE statement")
	}
	if next("IF") {
		if !next("NOT") || !next("EXISTS") {
			return nil, errors.New("parse CREATE TABLE: expected IF NOT EXISTS")
		}
	}
	if i >= len(toks) || !isIdentTok(toks[i]) {
		return nil, errors.New("parse CREATE TABLE: missing table name")
	}
	def := &tableDef{Name: toks[i].ident()}
	i++
	if i+1 < len(toks) && toks[i].punct(".") && isIdentTok(toks[i+1]) {
		def.Name = toks[i+1].ident()
		i += 2
	}
	if i >= len(toks) || !toks[i].punct("(") {
		return nil, fmt.Errorf("parse CREATE TABLE %q: no column list (CREATE TABLE … AS SELECT is not read)", def.Name)
	}
	end := matchParen(toks, i)
	if end < 0 {
		return nil, fmt.Errorf("parse CREATE TABLE %q: unbalanced parentheses", def.Name)
	}
	for _, item := range splitTop(toks[i+1 : end]) {
		first := item[0]
		if first.kind == tWord {
			switch strings.ToUpper(first.text) {
			case "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN":
				def.tableConstraint(sql, item)
				continue
			}
		}
		if !isIdentTok(first) {
			continue // not a column definition; nothing strata reads
		}
		def.Columns = append(def.Columns, parseColumnDef(sql, item))
	}
	return def, nil
}

// inner returns the source text between the "(" at toks[i] and its ")",
// and the index of the ")", or -1 when toks[i] opens nothing.
func inner(sql string, toks []token, i int) (string, int) {
	if i >= len(toks) || !toks[i].punct("(") {
		return "", -1
	}
	j := matchParen(toks, i)
	if j < 0 {
		return "", -1
	}
	return strings.TrimSpace(sql[toks[i].end:toks[j].pos]), j
}

// nameList reads "(a, b COLLATE x DESC, …)" at toks[i]: the column names
// (or, for an expression, its text), and the index of the ")".
func nameList(sql string, toks []token, i int) ([]string, int) {
	if i >= len(toks) || !toks[i].punct("(") {
		return nil, -1
	}
	j := matchParen(toks, i)
	if j < 0 {
		return nil, -1
	}
	var names []string
	for _, item := range splitTop(toks[i+1 : j]) {
		names = append(names, itemName(sql, item))
	}
	return names, j
}

// itemName is the column an indexed or listed item names, or the item's
// text when it is an expression.
func itemName(sql string, item []token) string {
	simple := isIdentTok(item[0])
	for k := 1; k < len(item) && simple; k++ {
		switch {
		case item[k].word("ASC"), item[k].word("DESC"):
		case item[k].word("COLLATE") && k+1 < len(item) && isIdentTok(item[k+1]):
			k++
		default:
			simple = false
		}
	}
	if simple {
		return item[0].ident()
	}
	return strings.TrimSpace(sql[item[0].pos:item[len(item)-1].end])
}

func (def *tableDef) tableConstraint(sql string, item []token) {
	name := ""
	k := 0
	if item[0].word("CONSTRAINT") {
		if len(item) < 2 || !isIdentTok(item[1]) {
			return
		}
		name, k = item[1].ident(), 2
	}
	if k >= len(item) {
		return
	}
	switch {
	case item[k].word("PRIMARY"):
		if k+1 < len(item) && item[k+1].word("KEY") {
			def.PrimaryKey, _ = nameList(sql, item, k+2)
		}
	case item[k].word("UNIQUE"):
		if cols, j := nameList(sql, item, k+1); j >= 0 {
			def.Uniques = append(def.Uniques, schema.Unique{Name: name, Columns: cols})
		}
	case item[k].word("CHECK"):
		if expr, j := inner(sql, item, k+1); j >= 0 {
			def.Checks = append(def.Checks, schema.Check{Name: name, Expr: expr})
		}
	case item[k].word("FOREIGN"):
		if k+1 >= len(item) || !item[k+1].word("KEY") {
			return
		}
		cols, j := nameList(sql, item, k+2)
		if j < 0 || j+1 >= len(item) || !item[j+1].word("REFERENCES") {
			return
		}
		fk, _ := parseReferences(sql, item, j+2)
		if fk == nil {
			return
		}
		fk.Name, fk.Columns = name, cols
		def.ForeignKeys = append(def.ForeignKeys, *fk)
	}
}

// parseReferences reads "t (cols) ON DELETE … ON UPDATE … MATCH … DEFERRABLE
// …" starting at toks[i], the token after REFERENCES. It returns the
// foreign key (without name and columns) and the index after it; its
// Deferrable and InitiallyDeferred are as written (DEFERRABLE alone is
// Deferrable only), but for NOT DEFERRABLE, which clears both.
func parseReferences(sql string, toks []token, i int) (*schema.ForeignKey, int) {
	if i >= len(toks) || !isIdentTok(toks[i]) {
		return nil, i
	}
	fk := &schema.ForeignKey{RefTable: toks[i].ident(), OnDelete: schema.NoAction, OnUpdate: schema.NoAction}
	notDeferrable := false
	i++
	if cols, j := nameList(sql, toks, i); j >= 0 {
		fk.RefColumns, i = cols, j+1
	}
	for i < len(toks) {
		t := toks[i]
		switch {
		case t.word("ON") && i+1 < len(toks):
			which := strings.ToUpper(toks[i+1].text)
			i += 2
			var act schema.Action
			switch {
			case i+1 < len(toks) && toks[i].word("SET") && toks[i+1].word("NULL"):
				act, i = schema.SetNull, i+2
			case i+1 < len(toks) && toks[i].word("SET") && toks[i+1].word("DEFAULT"):
				act, i = schema.SetDefault, i+2
			case i+1 < len(toks) && toks[i].word("NO") && toks[i+1].word("ACTION"):
				act, i = schema.NoAction, i+2
			case i < len(toks) && toks[i].word("CASCADE"):
				act, i = schema.Cascade, i+1
			case i < len(toks) && toks[i].word("RESTRICT"):
				act, i = schema.Restrict, i+1
			default:
				return fk, i
			}
			if which == "DELETE" {
				fk.OnDelete = act
			} else if which == "UPDATE" {
				fk.OnUpdate = act
			}
		case t.word("MATCH") && i+1 < len(toks):
			i += 2
		case t.word("NOT") && i+1 < len(toks) && toks[i+1].word("DEFERRABLE"):
			notDeferrable, i = true, i+2
		case t.word("DEFERRABLE"):
			fk.Deferrable, i = true, i+1
		case t.word("INITIALLY") && i+1 < len(toks):
			fk.InitiallyDeferred, i = toks[i+1].word("DEFERRED"), i+2
		default:
			return deferral(fk, notDeferrable), i
		}
	}
	return deferral(fk, notDeferrable), i
}

// deferral settles fk's DEFERRABLE and INITIALLY as SQLite reads them:
// NOT DEFERRABLE makes the key immediate whatever INITIALLY says.
func deferral(fk *schema.ForeignKey, notDeferrable bool) *schema.ForeignKey {
	if notDeferrable {
		fk.Deferrable, fk.InitiallyDeferred = false, false
	}
	return fk
}

// parseColumnDef reads one column definition: name, declared type and the
// column constraints strata reads.
func parseColumnDef(sql string, item []token) columnDef {
	c := columnDef{Name: item[0].ident()}
	k := 1
	for k < len(item) && !(item[k].kind == tWord && constraintStarts[strings.ToUpper(item[k].text)]) {
		if item[k].punct("(") {
			if j := matchParen(item, k); j >= 0 {
				k = j + 1
				continue
			}
		}
		k++
	}
	if k > 1 {
		c.Type = strings.TrimSpace(sql[item[1].pos:item[k-1].end])
	}
	name := ""
	for k < len(item) {
		t := item[k]
		switch {
		case t.word("CONSTRAINT"):
			if k+1 < len(item) && isIdentTok(item[k+1]) {
				name = item[k+1].ident()
			}
			k += 2
			continue
		case t.word("PRIMARY"):
			c.PrimaryKey = true
		case t.word("AUTOINCREMENT"):
			c.AutoIncrement = true
		case t.word("UNIQUE"):
			c.Unique, c.UniqueName, name = true, name, ""
		case t.word("CHECK"):
			if expr, j := inner(sql, item, k+1); j >= 0 {
				c.Checks = append(c.Checks, schema.Check{Name: name, Expr: expr})
				name, k = "", j+1
				continue
			}
		case t.word("REFERENCES"):
			fk, j := parseReferences(sql, item, k+1)
			if fk != nil {
				fk.Name, fk.Columns = name, []string{c.Name}
				c.ForeignKey = fk
				name, k = "", j
				continue
			}
		case t.word("COLLATE") && k+1 < len(item) && isIdentTok(item[k+1]):
			c.Collation, name, k = item[k+1].ident(), "", k+2
			continue
		case t.word("AS"):
			if g, j := parseGenerated(sql, item, k+1); g != nil {
				c.Generated, name, k = g, "", j
				continue
			}
		case t.word("DEFAULT"):
			// Skip the default: a signed number, a literal, a word or (expr).
			k++
			if k < len(item) && (item[k].punct("-") || item[k].punct("+")) {
				k++
			}
			if k < len(item) && item[k].punct("(") {
				if j := matchParen(item, k); j >= 0 {
					k = j
				}
			}
		case t.punct("("):
			if j := matchParen(item, k); j >= 0 {
				k = j
			}
		}
		k++
	}
	return c
}

// parseCreateIndex reads a CREATE INDEX statement: its keys and the WHERE
// predicate of a partial index ("" when there is none). A key that is a
// column alone is its name, unquoted; any other key (an expression, a
// column with COLLATE or ASC/DESC) is its text as the statement has it,
// which SQLite keeps as it was written (see schema.Index.Columns).
func parseCreateIndex(sql string) (cols []string, where string, err error) {
	toks, err := tokenize(sql)
	if err != nil {
		return nil, "", fmt.Errorf("parse CREATE INDEX: %w", err)
	}
	on := -1
	for i, t := range toks {
		if t.word("ON") {
			on = i
			break
		}
	}
	if on < 0 || !toks[0].word("CREATE") {
		return nil, "", errors.New("parse CREATE INDEX: not a CREATE INDEX … ON statement")
	}
	open := on + 2
	if open+1 < len(toks) && toks[open].punct(".") {
		open += 2
	}
	if open >= len(toks) || !toks[open].punct("(") {
		return nil, "", errors.New("parse CREATE INDEX: missing column list")
	}
	end := matchParen(toks, open)
	if end < 0 {
		return nil, "", errors.New("parse CREATE INDEX: missing column list")
	}
	for _, item := range splitTop(toks[open+1 : end]) {
		if len(item) == 1 && isIdentTok(item[0]) {
			cols = append(cols, item[0].ident())
		} else {
			cols = append(cols, strings.TrimSpace(sql[item[0].pos:item[len(item)-1].end]))
		}
	}
	if end+1 < len(toks) && toks[end+1].word("WHERE") && end+2 < len(toks) {
		where = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sql[toks[end+2].pos:]), ";"))
	}
	return cols, where, nil
}

// parseEnumCheck recognises the CHECK strata writes for an ENUM column,
// `"col" IN ('a', 'b')`, and returns its values.
func parseEnumCheck(expr, column string) ([]string, bool) {
	toks, err := tokenize(expr)
	if err != nil {
		return nil, false
	}
	toks = stripParens(toks)
	if len(toks) < 5 || !isIdentTok(toks[0]) || toks[0].kind == tString || !strings.EqualFold(toks[0].ident(), column) ||
		!toks[1].word("IN") || !toks[2].punct("(") || matchParen(toks, 2) != len(toks)-1 {
		return nil, false
	}
	var values []string
	for _, item := range splitTop(toks[3 : len(toks)-1]) {
		if len(item) != 1 || item[0].kind != tString {
			return nil, false
		}
		values = append(values, unquoteString(item[0].text))
	}
	return values, len(values) > 0
}

// stripParens removes parentheses that wrap the whole token list. It
// matches every parenthesis once, so deep nesting costs linear time.
func stripParens(toks []token) []token {
	if len(toks) < 2 || !toks[0].punct("(") {
		return toks
	}
	closer := make([]int, len(toks)) // closer[i]: the ")" matching the "(" at i
	var open []int
	for i, t := range toks {
		switch {
		case t.punct("("):
			open = append(open, i)
		case t.punct(")") && len(open) > 0:
			closer[open[len(open)-1]] = i
			open = open[:len(open)-1]
		}
	}
	lo, hi := 0, len(toks)-1
	for lo < hi && toks[lo].punct("(") && closer[lo] == hi {
		lo, hi = lo+1, hi-1
	}
	return toks[lo : hi+1]
}
