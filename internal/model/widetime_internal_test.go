package model

import (
	"testing"
	"time"
)

// A time with a year beyond four digits, as SQLite keeps one written
// around strata's checks, reads back rather than failing the whole read.
func TestParseWideYear(t *testing.T) {
	for s, want := range map[string]time.Time{
		"10000-01-01 00:00:00":              time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		"10000-02-29 12:30:00.5+01:00":      time.Date(10000, 2, 29, 11, 30, 0, 5e8, time.UTC),
		"-0001-12-31 23:59:59.999999+00:00": time.Date(-1, 12, 31, 23, 59, 59, 999999000, time.UTC),
		"123456-07-08":                      time.Date(123456, 7, 8, 0, 0, 0, 0, time.UTC),
	} {
		got, err := parseTime(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("%q: %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"2024-01-01x", "abcde-01-01", "1-01-01", "-01-01", "99999"} {
		if _, err := parseTime(s); err == nil {
			t.Errorf("%q: read as a time", s)
		}
	}
}
