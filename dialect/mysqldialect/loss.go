package mysqldialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Patterns of the text a number or a UUID is read from, after TRIM.
const (
	integerPattern = `^[+-]?[0-9]+$`
	decimalPattern = `^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$`
	uuidPattern    = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`
)

// guardSQL counts the rows of table whose value of column old meets one
// of losses. It does not depend on the session's sql_mode: MySQL without
// strict mode would cut, round or clamp such a value with only a warning.
// Text read as a number is read once, in a subquery that gives the
// trimmed text (strata_text) and, where it is a decimal literal, the
// number (strata_number; NULL elsewhere): a DOUBLE for a float's range,
// else a DECIMAL.
func (d *Dialect) guardSQL(table string, old schema.Column, losses []dialect.Loss) (string, error) {
	col, src := d.Quote(old.Name), d.Quote(table)
	prepared := isTextKind(old.Type.Kind) && dialect.NeedsNumber(losses)
	if prepared {
		as := "DECIMAL(65,30)"
		for _, l := range losses {
			if l.Kind == dialect.LossRange && strings.ContainsAny(l.Max, "eE") {
				as = "DOUBLE"
			}
		}
		t := "TRIM(" + col + ")"
		src = fmt.Sprintf("(SELECT %s, %s AS strata_text, CASE WHEN %s REGEXP %s THEN CAST(%s AS %s) END AS strata_number FROM %s) AS strata_guard",
			col, t, t, quoteString(decimalPattern), t, as, src)
	}
	return dialect.CountLosses(src, losses, func(l dialect.Loss) (string, error) {
		return lossCond(col, l, prepared)
	})
}

// lossCond is the condition under which the value of col is lost by l;
// prepared says strata_text and strata_number are there (text read as a
// number).
func lossCond(col string, l dialect.Loss, prepared bool) (string, error) {
	n := col
	if prepared {
		n = "strata_number"
	}
	switch l.Kind {
	case dialect.LossNull:
		return col + " IS NULL", nil
	case dialect.LossLength:
		return fmt.Sprintf("CHAR_LENGTH(%s) > %d", col, l.Size), nil
	case dialect.LossNotInteger:
		return "NOT (strata_text REGEXP " + quoteString(integerPattern) + ")", nil
	case dialect.LossNotNumber:
		return "NOT (strata_text REGEXP " + quoteString(decimalPattern) + ")", nil
	case dialect.LossRange:
		return fmt.Sprintf("%s < %s OR %s > %s", n, l.Min, n, l.Max), nil
	case dialect.LossFraction:
		return fmt.Sprintf("%s <> ROUND(%s, %d)", n, n, l.Scale), nil
	case dialect.LossEnum:
		// Compared as bytes: an ENUM matches values by the column's
		// collation, so 'PAID' would silently become 'paid'.
		q := make([]string, len(l.Values))
		for i, v := range l.Values {
			q[i] = quoteString(v)
		}
		return "CAST(" + col + " AS BINARY) NOT IN (" + strings.Join(q, ", ") + ")", nil
	case dialect.LossTimeOfDay:
		return col + " <> CAST(" + col + " AS DATE)", nil
	case dialect.LossUUID:
		return "NOT (" + col + " REGEXP " + quoteString(uuidPattern) + ")", nil
	}
	return "", fmt.Errorf("mysqldialect: no condition for loss %v", l.Kind)
}

func isTextKind(k schema.Kind) bool {
	return k == schema.KindString || k == schema.KindChar || k == schema.KindText || k == schema.KindEnum
}
