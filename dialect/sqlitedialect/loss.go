package sqlitedialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// guardSQL counts the rows of table whose value of column old meets one
// of losses. SQLite would keep such a value as it is when it rebuilds the
// table, under a declared type that says otherwise; the guard refuses it
// as the other databases do. Text read as a number is read once, in
// subqueries that give the trimmed text (strata_text), the text without
// one leading sign (strata_unsigned) and, where it is a decimal literal,
// the number (strata_number; NULL elsewhere). SQLite has no regular
// expressions: literals are recognised with GLOB.
func (d *Dialect) guardSQL(table string, old schema.Column, losses []dialect.Loss) (string, error) {
	col, src := d.Quote(old.Name), d.Quote(table)
	prepared := isTextKind(old.Type.Kind) && dialect.NeedsNumber(losses)
	if prepared {
		t := "trim(CAST(" + col + " AS TEXT))"
		src = fmt.Sprintf("(SELECT %s, %s AS strata_text, CASE WHEN substr(%s, 1, 1) IN ('+', '-') THEN substr(%s, 2) ELSE %s END AS strata_unsigned FROM %s)",
			col, t, t, t, t, src)
		src = fmt.Sprintf("(SELECT *, CASE WHEN %s THEN CAST(strata_text AS NUMERIC) END AS strata_number FROM %s)", isDecimal("strata_unsigned"), src)
	}
	return dialect.CountLosses(src, losses, func(l dialect.Loss) (string, error) {
		return lossCond(col, l, prepared)
	})
}

// lossCond is the condition under which the value of col is lost by l;
// prepared says strata_unsigned and strata_number are there (text read as
// a number).
func lossCond(col string, l dialect.Loss, prepared bool) (string, error) {
	text := "CAST(" + col + " AS TEXT)"
	n := col
	if prepared {
		n = "strata_number"
	}
	switch l.Kind {
	case dialect.LossNull:
		return col + " IS NULL", nil
	case dialect.LossLength:
		return fmt.Sprintf("length(%s) > %d", text, l.Size), nil
	case dialect.LossNotInteger:
		return "NOT (strata_unsigned <> '' AND strata_unsigned NOT GLOB '*[^0-9]*')", nil
	case dialect.LossNotNumber:
		return "NOT (" + isDecimal("strata_unsigned") + ")", nil
	case dialect.LossRange:
		return fmt.Sprintf("%s < %s OR %s > %s", n, l.Min, n, l.Max), nil
	case dialect.LossFraction:
		// Only a REAL has a fraction; rounding an integer beyond 2^53 as a
		// REAL would look like one.
		return fmt.Sprintf("typeof(%s) = 'real' AND %s <> round(%s, %d)", n, n, n, l.Scale), nil
	case dialect.LossEnum:
		q := make([]string, len(l.Values))
		for i, v := range l.Values {
			q[i] = quoteString(v)
		}
		return text + " NOT IN (" + strings.Join(q, ", ") + ")", nil
	case dialect.LossTimeOfDay:
		// The time of day in UTC to the second, then any digit other than
		// 0 in the fraction strata writes after the seconds.
		return fmt.Sprintf("strftime('%%H:%%M:%%S', %s) <> '00:00:00' OR (instr(%s, '.') > 0 AND substr(ltrim(substr(%s, instr(%s, '.') + 1), '0'), 1, 1) GLOB '[0-9]')",
			col, text, text, text), nil
	case dialect.LossUUID:
		hex := func(n int) string { return strings.Repeat("[0-9a-f]", n) }
		pattern := hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12)
		return fmt.Sprintf("NOT (length(%s) = 36 AND lower(%s) GLOB '%s')", text, text, pattern), nil
	}
	return "", fmt.Errorf("sqlitedialect: no condition for loss %v", l.Kind)
}

// isDecimal holds for u, text without its sign, that is a decimal
// literal: digits with at most one point.
func isDecimal(u string) string {
	return u + " <> '' AND " + u + " <> '.' AND " + u + " NOT GLOB '*[^0-9.]*' AND " + u + " NOT GLOB '*.*.*'"
}

func isTextKind(k schema.Kind) bool {
	return k == schema.KindString || k == schema.KindChar || k == schema.KindText || k == schema.KindEnum
}
