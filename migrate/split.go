package migrate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/sqllex"
)

// flavor is the lexical rules of one database, as far as splitting a
// script into statements needs them: which quotes exist and how they
// escape.
type flavor = sqllex.Flags

// flavorOf returns the rules d's .sql files are split by: the lexing
// features d declares (dialect.LexDialect; standard SQL's without), with
// every block comment one that must end. Where /*! … */ is SQL (MySQL,
// MariaDB: mysqldump writes /*!40101 SET NAMES utf8mb4 */;) it is
// statement text whatever its version, which the server then runs or
// skips as its own version says; MariaDB's /*M! … */ stays a comment, as
// it is one on MySQL.
func flavorOf(d dialect.Dialect) flavor {
	var f dialect.QueryFeatures
	if ld, ok := d.(dialect.LexDialect); ok {
		f = ld.LexFeatures()
	}
	return flavor{
		BackslashEscapes: f.BackslashEscapes, EscapeStrings: f.EscapeStrings,
		DollarQuotes: f.DollarQuotes, NestedComments: f.NestedComments,
		HashComments: f.HashComments, DashCommentNeedsSpace: f.DashCommentNeedsSpace,
		BracketIdents: f.BracketIdents, DoubleQuoteStrings: f.DoubleQuoteStrings,
		BacktickIdents: f.BacktickIdents, ExecutableComments: f.ExecutableComments,
		ServerVersion: sqllex.AnyVersion,
	}
}

// sqlStmt is one statement of a SQL migration and the line it starts on.
type sqlStmt struct {
	SQL  string
	Line int
}

// lines numbers the lines of one chunk of a script. Line numbers are
// 1-based and count from the chunk's first line within its file.
type lines struct {
	text string
	// line is the line of byte at; positions only move forward.
	at, line int
}

// of returns the line number of byte p (p never decreases between calls).
func (l *lines) of(p int) int {
	l.line += strings.Count(l.text[l.at:p], "\n")
	l.at = p
	return l.line
}

// splitStatements splits text, which starts on line firstLine of its file,
// into statements at the semicolons that are outside strings, quoted
// identifiers, dollar quotes and comments (sqllex.Statements). Each
// statement is trimmed of the whitespace and comments before it and of
// the semicolon after it; statements that hold only comments are dropped.
func splitStatements(text string, firstLine int, fl flavor) ([]sqlStmt, error) {
	spans, lexErr := sqllex.Statements(text, fl)
	ln := &lines{text: text, line: firstLine}
	var out []sqlStmt
	for _, sp := range spans {
		stmt := sqlStmt{SQL: text[sp.Pos:sp.End], Line: ln.of(sp.Pos)}
		if isDelimiterCommand(stmt.SQL) {
			return nil, fmt.Errorf("line %d: DELIMITER is a command of the mysql client, not SQL; wrap a body that contains semicolons in -- strata:statement-begin and -- strata:statement-end instead", stmt.Line)
		}
		out = append(out, stmt)
	}
	var le *sqllex.Error
	if errors.As(lexErr, &le) {
		return nil, fmt.Errorf("line %d: unterminated %s (add the closing delimiter, or check the quotes before it)", ln.of(le.Pos), unterminated(le))
	}
	return out, nil
}

// unterminated names the construct le leaves open.
func unterminated(le *sqllex.Error) string {
	switch {
	case le.Kind == sqllex.ExecOpen:
		return "executable comment " + le.Open + " … */"
	case le.Kind == sqllex.Dollar:
		return "dollar-quoted string " + le.Open
	case le.Kind == sqllex.Comment:
		return "block comment /* … */"
	case le.Open == "'":
		return "string"
	case le.Open == "[":
		return "bracketed identifier"
	}
	return "quoted identifier"
}

func isDelimiterCommand(sql string) bool {
	const kw = "DELIMITER"
	return len(sql) > len(kw) && strings.EqualFold(sql[:len(kw)], kw) && (sql[len(kw)] == ' ' || sql[len(kw)] == '\t')
}
