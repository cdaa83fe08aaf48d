package sqlitedialect

import (
	"strings"
)

// exprKeywords are the words normalizeExpr writes in upper case. They are
// the operator and literal keywords an expression in a CHECK, a default or
// a partial index's WHERE uses; other bare words (column and function
// names) keep their case.
var exprKeywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "IN": true, "IS": true, "NULL": true, "LIKE": true, "GLOB": true,
	"REGEXP": true, "MATCH": true, "BETWEEN": true, "ESCAPE": true, "COLLATE": true, "CASE": true, "WHEN": true,
	"THEN": true, "ELSE": true, "END": true, "EXISTS": true, "TRUE": true, "FALSE": true, "DISTINCT": true,
	"CURRENT_TIMESTAMP": true, "CURRENT_DATE": true, "CURRENT_TIME": true, "AS": true, "ISNULL": true,
	"NOTNULL": true, "SELECT": true, "FROM": true, "WHERE": true,
}

// sqliteKeywords are SQLite's keywords (https://sqlite.org/lang_keywords.html):
// a quoted identifier spelled like one keeps its quotes.
var sqliteKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH
		AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT
		CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT
		DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE
		EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP
		GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO
		IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL
		NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE
		RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK
		ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION
		UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT TRUE FALSE`) {
		m[k] = true
	}
	return m
}()

// normalizeExpr puts an SQL expression in the one form strata compares
// expressions in (CHECK expressions, partial index predicates, default
// expressions), on the offline side and on the side read from SQLite:
//
//   - whitespace and comments are dropped; tokens are separated by one
//     space, except after "(" and a unary sign, before ")" and ",", around
//     "." and between a function name and its "(";
//   - parentheses around the whole expression are dropped;
//   - a quoted identifier that needs no quotes loses them ("rank" becomes
//     rank; keywords such as "order" and names such as "first name" keep
//     theirs, written with "");
//   - keywords (AND, IN, NULL, …) and function names are upper case;
//   - <> is written != and == is written =.
//
// String and number literals are kept as written. The result is stable:
// normalizing it again gives it back. Text that does not tokenize (an
// unterminated quote) only has its whitespace collapsed.
func normalizeExpr(s string) string {
	toks, err := tokenize(s)
	if err != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	toks = stripParens(toks)
	var b strings.Builder
	unary := false // the previous token was a sign written without a space after it
	for i, t := range toks {
		text := t.text
		switch t.kind {
		case tQuoted:
			name := t.ident()
			if isPlainIdent(name) && !sqliteKeywords[strings.ToUpper(name)] {
				text = name
				if i+1 < len(toks) && toks[i+1].punct("(") {
					text = strings.ToUpper(name)
				}
			} else {
				text = `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
			}
		case tWord:
			up := strings.ToUpper(t.text)
			if exprKeywords[up] || (i+1 < len(toks) && toks[i+1].punct("(")) {
				text = up
			}
		case tPunct:
			switch text {
			case "<>":
				text = "!="
			case "==":
				text = "="
			}
		}
		glued := unary && !t.punct("-") && !t.punct("+") // "- -1" must not become the comment "--1"
		if i > 0 && !glued && spaceBetween(toks[i-1], t) {
			b.WriteByte(' ')
		}
		unary = (t.punct("-") || t.punct("+")) && (i == 0 || opensOperand(toks[i-1]))
		b.WriteString(text)
	}
	return b.String()
}

// spaceBetween reports whether normalizeExpr writes a space between two
// adjacent tokens.
func spaceBetween(prev, cur token) bool {
	switch {
	case cur.punct(")"), cur.punct(","), prev.punct("("), prev.punct("."), cur.punct("."):
		return false
	case cur.punct("("):
		// A function call: name(…). A keyword (IN, EXISTS …) keeps its space.
		return !(prev.kind == tQuoted || (prev.kind == tWord && !exprKeywords[strings.ToUpper(prev.text)]))
	}
	return true
}

// opensOperand reports whether an operand is expected after t, so that a
// following "-" or "+" is a sign rather than an operator.
func opensOperand(t token) bool {
	switch t.kind {
	case tPunct:
		return !t.punct(")")
	case tWord:
		up := strings.ToUpper(t.text)
		return exprKeywords[up] && up != "NULL" && up != "TRUE" && up != "FALSE" && up != "END" &&
			up != "CURRENT_TIMESTAMP" && up != "CURRENT_DATE" && up != "CURRENT_TIME"
	}
	return false
}

// isPlainIdent reports whether s is an identifier that needs no quotes:
// ASCII letters, digits and underscores, not starting with a digit.
func isPlainIdent(s string) bool {
	if s == "" || isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
			return false
		}
	}
	return true
}
