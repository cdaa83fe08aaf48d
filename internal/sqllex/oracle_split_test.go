package sqllex_test

// migrate.splitStatements as of commit a70cf3c: see oracle_tokenize_test.go.

import (
	"fmt"
	"strings"
)

// flavor is the lexical rules of one database, as far as splitting a script
// into statements needs them: which quotes exist and how they escape.
type flavor struct {
	backslash      bool // MySQL: \' and \" inside '…' and "…" strings
	dollarQuotes   bool // PostgreSQL: $$…$$ and $tag$…$tag$
	eStrings       bool // PostgreSQL: E'…' strings take backslash escapes
	nestedComments bool // PostgreSQL: /* /* */ */ nests
	backticks      bool // MySQL, SQLite: `identifier`
	brackets       bool // SQLite: [identifier]
	hashComments   bool // MySQL: # comment
	dashNeedsSpace bool // MySQL: -- starts a comment only before a space or control character
}

// flavorFor returns the rules of the dialect called name ("postgres",
// "mysql", "sqlite"); any other name gets standard SQL's.
func flavorFor(name string) flavor {
	switch name {
	case "postgres":
		return flavor{dollarQuotes: true, eStrings: true, nestedComments: true}
	case "mysql":
		return flavor{backslash: true, backticks: true, hashComments: true, dashNeedsSpace: true}
	case "sqlite":
		return flavor{backticks: true, brackets: true}
	}
	return flavor{}
}

// sqlStmt is one statement of a SQL migration and the line it starts on.
type sqlStmt struct {
	SQL      string
	Line     int
	Pos, End int
}

// splitter walks one chunk of a script. Line numbers are 1-based and count
// from the chunk's first line within its file.
type splitter struct {
	text string
	fl   flavor
	pos  int
	// line is the line of byte lineAt; positions only move forward.
	lineAt, line int
}

// lineOf returns the line number of byte p (p never decreases between calls).
func (s *splitter) lineOf(p int) int {
	s.line += strings.Count(s.text[s.lineAt:p], "\n")
	s.lineAt = p
	return s.line
}

// splitStatements splits text, which starts on line firstLine of its file,
// into statements at the semicolons that are outside strings, quoted
// identifiers, dollar quotes and comments. Each statement is trimmed of
// the whitespace and comments before it and of the semicolon after it;
// statements that hold only comments are dropped.
func oldSplit(text string, firstLine int, fl flavor) ([]sqlStmt, error) {
	s := &splitter{text: text, fl: fl, line: firstLine}
	var out []sqlStmt
	start, end := -1, -1
	emit := func() error {
		if start < 0 {
			return nil
		}
		stmt := sqlStmt{SQL: text[start:end], Line: s.lineOf(start), Pos: start, End: end}
		if isDelimiterCommand(stmt.SQL) {
			return fmt.Errorf("line %d: DELIMITER is a command of the mysql client, not SQL; wrap a body that contains semicolons in -- strata:statement-begin and -- strata:statement-end instead", stmt.Line)
		}
		out = append(out, stmt)
		start, end = -1, -1
		return nil
	}
	for s.pos < len(text) {
		c := text[s.pos]
		if c == ';' {
			if err := emit(); err != nil {
				return nil, err
			}
			s.pos++
			continue
		}
		tokStart := s.pos
		significant, err := s.token()
		if err != nil {
			return nil, err
		}
		if significant {
			if start < 0 {
				start = tokStart
			}
			end = s.pos
		}
	}
	if err := emit(); err != nil {
		return nil, err
	}
	return out, nil
}

func isDelimiterCommand(sql string) bool {
	const kw = "DELIMITER"
	return len(sql) > len(kw) && strings.EqualFold(sql[:len(kw)], kw) && (sql[len(kw)] == ' ' || sql[len(kw)] == '\t')
}

// token consumes one token at s.pos and reports whether it is part of a
// statement (false for whitespace and comments).
func (s *splitter) token() (bool, error) {
	t, fl := s.text, s.fl
	c := t[s.pos]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		s.pos++
		return false, nil
	case c == '-' && s.at(s.pos+1) == '-' && (!fl.dashNeedsSpace || s.pos+2 >= len(t) || t[s.pos+2] <= ' '):
		s.skipLine()
		return false, nil
	case c == '#' && fl.hashComments:
		s.skipLine()
		return false, nil
	case c == '/' && s.at(s.pos+1) == '*':
		return false, s.skipBlockComment()
	case c == '\'':
		backslash := fl.backslash || (fl.eStrings && s.pos > 0 && (t[s.pos-1] == 'E' || t[s.pos-1] == 'e') && (s.pos < 2 || !identByte(t[s.pos-2])))
		return true, s.skipQuotedSplit('\'', backslash, "string")
	case c == '"':
		return true, s.skipQuotedSplit('"', fl.backslash, "quoted identifier")
	case c == '`' && fl.backticks:
		return true, s.skipQuotedSplit('`', false, "quoted identifier")
	case c == '[' && fl.brackets:
		return true, s.skipUntil("]", "bracketed identifier")
	case c == '$' && fl.dollarQuotes && (s.pos == 0 || !identByte(t[s.pos-1])):
		if tag := s.splitDollarTag(); tag != "" {
			return true, s.skipDollar(tag)
		}
	}
	s.pos++
	return true, nil
}

func (s *splitter) at(i int) byte {
	if i < len(s.text) {
		return s.text[i]
	}
	return 0
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (s *splitter) skipLine() {
	if i := strings.IndexByte(s.text[s.pos:], '\n'); i >= 0 {
		s.pos += i
		return
	}
	s.pos = len(s.text)
}

func (s *splitter) unterminated(what string, start int) error {
	return fmt.Errorf("line %d: unterminated %s (add the closing delimiter, or check the quotes before it)", s.lineOf(start), what)
}

func (s *splitter) skipBlockComment() error {
	start := s.pos
	depth := 0
	for i := s.pos; i+1 < len(s.text); i++ {
		switch {
		case s.text[i] == '/' && s.text[i+1] == '*':
			if depth == 0 || s.fl.nestedComments {
				depth++
			}
			i++
		case s.text[i] == '*' && s.text[i+1] == '/':
			depth--
			i++
			if depth == 0 {
				s.pos = i + 1
				return nil
			}
		}
	}
	return s.unterminated("block comment /* … */", start)
}

// skipQuoted skips a token quoted with q, in which q is escaped by doubling
// it and, when backslash is set, any byte by a backslash before it.
func (s *splitter) skipQuotedSplit(q byte, backslash bool, what string) error {
	start := s.pos
	for i := s.pos + 1; i < len(s.text); i++ {
		switch s.text[i] {
		case '\\':
			if backslash {
				i++
			}
		case q:
			if i+1 < len(s.text) && s.text[i+1] == q {
				i++
				continue
			}
			s.pos = i + 1
			return nil
		}
	}
	return s.unterminated(what, start)
}

func (s *splitter) skipUntil(close, what string) error {
	i := strings.Index(s.text[s.pos+1:], close)
	if i < 0 {
		return s.unterminated(what, s.pos)
	}
	s.pos += 1 + i + len(close)
	return nil
}

// dollarTag returns the dollar-quote opener at s.pos ("$$" or "$tag$"), or
// "" when the dollar sign opens none (a parameter such as $1).
func (s *splitter) splitDollarTag() string {
	t := s.text
	i := s.pos + 1
	if i < len(t) && t[i] == '$' {
		return "$$"
	}
	if i >= len(t) || !(t[i] == '_' || t[i] >= 0x80 || 'a' <= t[i] && t[i] <= 'z' || 'A' <= t[i] && t[i] <= 'Z') {
		return ""
	}
	for i < len(t) && t[i] != '$' {
		if !identByte(t[i]) {
			return ""
		}
		i++
	}
	if i >= len(t) {
		return ""
	}
	return t[s.pos : i+1]
}

func (s *splitter) skipDollar(tag string) error {
	start := s.pos
	i := strings.Index(s.text[s.pos+len(tag):], tag)
	if i < 0 {
		return s.unterminated("dollar-quoted string "+tag, start)
	}
	s.pos += len(tag) + i + len(tag)
	return nil
}
