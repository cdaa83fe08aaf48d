package model

import (
	"time"

	"github.com/strata-orm/strata/schema"
)

// dateTextForms are the text forms of a time a DATE or DATEONLY column
// takes from strata (a string field, a value of a Fields map, a
// condition's value): RFC 3339 with or without its T, fraction and zone,
// or a date alone (midnight UTC). A written one is converted
// to a time.Time before writing, so every database stores the same
// instant, and a year beyond 9999 (which SQLite would keep as text it
// cannot read back) is refused with the other times. Text without a zone
// is UTC.
var dateTextForms = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// dateOf returns the time v (a time.Time, or the text of one in a
// dateTextForms form, as a string or []byte) stands for.
func dateOf(v any) (time.Time, bool) {
	var s string
	switch x := v.(type) {
	case time.Time:
		return x, true
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return time.Time{}, false
	}
	for _, f := range dateTextForms {
		if tm, err := time.Parse(f, s); err == nil {
			return tm, true
		}
	}
	return time.Time{}, false
}

// dateForms is the message of a value a DATE or DATEONLY column does not
// take.
func dateForms(t schema.Type) string {
	if t.Kind == schema.KindDateOnly {
		return "must be a date: a time.Time at midnight UTC, or text as 2006-01-02"
	}
	return "must be a time: a time.Time, or text as 2006-01-02, 2006-01-02 15:04:05.999999 or RFC 3339 (2006-01-02T15:04:05Z07:00), the years 1 to 9999"
}
