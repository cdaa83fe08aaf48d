package migrate

import (
	"strings"

	"github.com/strata-orm/strata/ddl"
)

// outsideTx says whether mig's body b runs outside a transaction: when
// marked no-transaction, or where DDL commits itself (MySQL) unless the
// body only changes rows (dataOnly). Run and Plan both ask it.
func (m *Migrator) outsideTx(mig *migration, b *body) bool {
	return mig.noTx || !m.d.TransactionalDDL() && !dataOnly(b)
}

// dataOnly says every statement of a body changes rows only: a .sql
// body's INSERT, UPDATE, DELETE or REPLACE statements, or operations that
// are all bulkInsert, bulkUpdate or bulkDelete (or requireEmpty, which
// only reads). Such a body, a seeder's
// as a rule, runs in a transaction even where DDL commits itself (MySQL),
// so a failure at its third statement leaves nothing of the first two.
func dataOnly(b *body) bool {
	if b == nil || b.fn != nil {
		return false
	}
	if len(b.ops) > 0 {
		for _, op := range b.ops {
			switch op.(type) {
			case *ddl.BulkInsertOp, *ddl.BulkUpdateOp, *ddl.BulkDeleteOp, *ddl.RequireEmptyOp:
			default:
				return false
			}
		}
		return true
	}
	if len(b.stmts) == 0 {
		return false
	}
	for _, st := range b.stmts {
		word := strings.ToUpper(firstWord(st.SQL))
		switch word {
		case "INSERT", "UPDATE", "DELETE", "REPLACE":
		default:
			return false
		}
	}
	return true
}

// firstWord is the first word of a statement after spaces and comments
// (--, # and /* */; a MySQL executable comment /*! is not skipped, so a
// statement that starts with one is not data only).
func firstWord(s string) string {
	for {
		s = strings.TrimLeft(s, " \t\r\n\f")
		switch {
		case strings.HasPrefix(s, "--"), strings.HasPrefix(s, "#"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
		case strings.HasPrefix(s, "/*") && !strings.HasPrefix(s, "/*!") && !strings.HasPrefix(s, "/*M!"):
			i := strings.Index(s[2:], "*/")
			if i < 0 {
				return ""
			}
			s = s[i+4:]
		default:
			end := strings.IndexFunc(s, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
			})
			if end < 0 {
				return s
			}
			return s[:end]
		}
	}
}
