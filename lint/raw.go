package lint

import (
	"context"
	"regexp"
	"strings"

	"github.com/strata-orm/strata/ddl"
)

// Hand-written SQL (a ddl.Raw operation, a statement of a .sql
// migration) is read for the few statements the rules know, by their
// first words: DROP TABLE, ALTER TABLE … DROP COLUMN, … RENAME COLUMN,
// … RENAME TO, RENAME TABLE (MySQL), CREATE INDEX. Each is checked as the
// operation it stands for; anything else is not read. This is no SQL
// parser: a statement written in another form goes unchecked.

const ident = "(\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|\\[[^\\]]+\\]|[A-Za-z_][A-Za-z0-9_$]*)"

var (
	rawDropTable    = regexp.MustCompile(`(?is)^\s*drop\s+table\s+(?:if\s+exists\s+)?` + ident + `\s*(?:cascade|restrict)?\s*;?\s*$`)
	rawDropColumn   = regexp.MustCompile(`(?is)^\s*alter\s+table\s+(?:only\s+)?` + ident + `\s+drop\s+(?:column\s+)?(?:if\s+exists\s+)?` + ident + `\s*(?:cascade|restrict)?\s*;?\s*$`)
	rawRenameColumn = regexp.MustCompile(`(?is)^\s*alter\s+table\s+(?:only\s+)?` + ident + `\s+rename\s+column\s+` + ident + `\s+to\s+` + ident + `\s*;?\s*$`)
	rawRenameTable  = regexp.MustCompile(`(?is)^\s*(?:alter\s+table\s+` + ident + `\s+rename\s+(?:to|as)\s+` + ident + `|rename\s+table\s+` + ident + `\s+to\s+` + ident + `)\s*;?\s*$`)
	rawCreateIndex  = regexp.MustCompile(`(?is)^\s*create\s+(unique\s+)?index\s+(concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:` + ident + `\s+)?on\s+(?:only\s+)?` + ident)
)

// unquote removes the quotes of a name as ident matched it.
func unquote(s string) string {
	if len(s) >= 2 {
		switch s[0] {
		case '"':
			return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
		case '`':
			return strings.ReplaceAll(s[1:len(s)-1], "``", "`")
		case '[':
			return s[1 : len(s)-1]
		}
	}
	return s
}

// equivalent is the operation a statement the rules know stands for, nil
// for any other.
func equivalent(text string) ddl.Op {
	if m := rawDropTable.FindStringSubmatch(text); m != nil {
		return ddl.DropTable(unquote(m[1]))
	}
	if m := rawRenameColumn.FindStringSubmatch(text); m != nil {
		return ddl.RenameColumn(unquote(m[1]), unquote(m[2]), unquote(m[3]))
	}
	if m := rawRenameTable.FindStringSubmatch(text); m != nil {
		if m[1] != "" {
			return ddl.RenameTable(unquote(m[1]), unquote(m[2]))
		}
		return ddl.RenameTable(unquote(m[3]), unquote(m[4]))
	}
	if m := rawDropColumn.FindStringSubmatch(text); m != nil {
		if strings.EqualFold(m[2], "constraint") {
			return nil
		}
		return ddl.RemoveColumn(unquote(m[1]), unquote(m[2]))
	}
	return nil
}

// raw checks a hand-written statement: L001, L002 and L006 for the
// statement forms equivalent knows, L007 for CREATE INDEX without
// CONCURRENTLY on PostgreSQL, L008 for CONVERT TO CHARACTER SET.
func (ck *checker) raw(ctx context.Context, o *ddl.RawOp) error {
	text, err := o.SQLFor(ck.dialectName())
	if err != nil {
		return nil // not for this dialect
	}
	if eq := equivalent(text); eq != nil {
		n := len(ck.out)
		if err := ck.op(ctx, eq); err != nil {
			return err
		}
		for i := n; i < len(ck.out); i++ {
			ck.out[i].Op = o
		}
		return nil
	}
	if ck.dialectName() != "postgres" {
		return nil
	}
	m := rawCreateIndex.FindStringSubmatch(text)
	if m == nil || m[2] != "" {
		return nil
	}
	table := unquote(m[4])
	if ck.cur.Table(table) == nil {
		return nil
	}
	return ck.index(ctx, o, table, "CREATE INDEX")
}
