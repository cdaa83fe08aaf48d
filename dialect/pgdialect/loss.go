package pgdialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Patterns of the text a number or a UUID is read from, after btrim.
const (
	integerPattern = `^[+-]?[0-9]+$`
	decimalPattern = `^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$`
	uuidPattern    = `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`
)

// guardSQL counts the rows of table whose value of column old meets one
// of losses. Text read as a number is read once, in a subquery that gives
// the trimmed text (strata_text) and, where it is a decimal literal, the
// number (strata_number; NULL elsewhere).
func guardSQL(table string, old schema.Column, losses []dialect.Loss) (string, error) {
	col, src := quoteIdent(old.Name), quoteIdent(table)
	prepared := isTextKind(old.Type.Kind) && dialect.NeedsNumber(losses)
	if prepared {
		t := "btrim(" + col + "::text)"
		src = fmt.Sprintf("(SELECT %s, %s AS strata_text, CASE WHEN %s ~ %s THEN %s::numeric END AS strata_number FROM %s) AS strata_guard",
			col, t, t, quoteLiteral(decimalPattern), t, src)
	}
	return dialect.CountLosses(src, losses, func(l dialect.Loss) (string, error) {
		return lossCond(col, old.Type, l, prepared)
	})
}

// lossCond is the condition under which the value of col (of type from)
// is lost by l; prepared says strata_text and strata_number are there.
func lossCond(col string, from schema.Type, l dialect.Loss, prepared bool) (string, error) {
	if l.Elem && from.Elem != nil {
		l.Elem = false
		inner, err := lossCond("strata_elem", *from.Elem, l, false)
		return fmt.Sprintf("EXISTS (SELECT 1 FROM unnest(%s) AS strata_elems(strata_elem) WHERE %s)", col, inner), err
	}
	text := "btrim(" + col + "::text)"
	if prepared {
		text = "strata_text"
	}
	switch l.Kind {
	case dialect.LossNull:
		return col + " IS NULL", nil
	case dialect.LossLength:
		return fmt.Sprintf("char_length(%s::text) > %d", col, l.Size), nil
	case dialect.LossNotInteger:
		return text + " !~ " + quoteLiteral(integerPattern), nil
	case dialect.LossNotNumber:
		return text + " !~ " + quoteLiteral(decimalPattern), nil
	case dialect.LossRange:
		n := number(col, from, prepared)
		return fmt.Sprintf("%s < %s OR %s > %s", n, l.Min, n, l.Max), nil
	case dialect.LossFraction:
		n := number(col, from, prepared)
		if !isTextKind(from.Kind) {
			n += "::numeric"
		}
		return fmt.Sprintf("%s <> round(%s, %d)", n, n, l.Scale), nil
	case dialect.LossEnum:
		q := make([]string, len(l.Values))
		for i, v := range l.Values {
			q[i] = quoteLiteral(v)
		}
		return col + "::text NOT IN (" + strings.Join(q, ", ") + ")", nil
	case dialect.LossTimeOfDay:
		return col + " <> date_trunc('day', " + col + ")", nil
	case dialect.LossUUID:
		return col + "::text !~* " + quoteLiteral(uuidPattern), nil
	}
	return "", fmt.Errorf("pgdialect: no condition for loss %v", l.Kind)
}

// number is col as a number: itself, a boolean as 0 or 1, text read as
// numeric where it is a decimal literal (NULL elsewhere; LossNotNumber or
// LossNotInteger counts those).
func number(col string, from schema.Type, prepared bool) string {
	switch {
	case isTextKind(from.Kind) && prepared:
		return "strata_number"
	case isTextKind(from.Kind):
		text := "btrim(" + col + "::text)"
		return "(CASE WHEN " + text + " ~ " + quoteLiteral(decimalPattern) + " THEN " + text + "::numeric END)"
	case from.Kind == schema.KindBoolean:
		return col + "::int"
	}
	return col
}

func isTextKind(k schema.Kind) bool {
	return k == schema.KindString || k == schema.KindChar || k == schema.KindText || k == schema.KindEnum
}
