package mysqldialect_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
)

// TestSession checks the session Open sets up on the live server: strict
// sql_mode without ANSI_QUOTES, UTC, utf8mb4, and what they mean for data.
func TestSession(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	var mode, zone, charset string
	if err := tg.DB.QueryRowContext(t.Context(), "SELECT @@SESSION.sql_mode, @@SESSION.time_zone, @@SESSION.character_set_connection").
		Scan(&mode, &zone, &charset); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"STRICT_ALL_TABLES", "NO_ZERO_DATE", "NO_ENGINE_SUBSTITUTION"} {
		if !strings.Contains(mode, m) {
			t.Errorf("sql_mode %q lacks %s", mode, m)
		}
	}
	if strings.Contains(mode, "ANSI_QUOTES") {
		t.Errorf("sql_mode %q has ANSI_QUOTES", mode)
	}
	if zone != "+00:00" || charset != "utf8mb4" {
		t.Errorf("time_zone = %q, character_set_connection = %q; want +00:00 and utf8mb4", zone, charset)
	}

	tg.Exec(t, "CREATE TABLE s (id INT PRIMARY KEY, name VARCHAR(3), at DATETIME(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
	// Four-byte UTF-8 and trailing spaces survive.
	tg.Exec(t, "INSERT INTO s (id, name) VALUES (?, ?)", 1, "😀a ")
	var name string
	if err := tg.DB.QueryRowContext(t.Context(), "SELECT name FROM s WHERE id = 1").Scan(&name); err != nil || name != "😀a " {
		t.Errorf("name read back as %q, %v", name, err)
	}
	// Too long is an error, never a silent cut.
	_, err := tg.DB.ExecContext(t.Context(), "INSERT INTO s (id, name) VALUES (?, ?)", 2, "abcd")
	var de *dialect.Error
	if !errors.As(d.Classify(err), &de) || de.Kind != dialect.ErrDataTooLong {
		t.Errorf("inserting a value too long = %v, want a value-too-long error", err)
	}
	// Times come back in UTC, cut to the microsecond, whatever their zone.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		in := time.Date(1971+rng.IntN(60), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), ny)
		id := 100 + i
		tg.Exec(t, "INSERT INTO s (id, at) VALUES (?, ?)", id, in)
		var out time.Time
		if err := tg.DB.QueryRowContext(t.Context(), "SELECT at FROM s WHERE id = ? AND at = ?", id, in).Scan(&out); err != nil {
			t.Fatalf("reading %v back: %v", in, err)
		}
		if want := in.UTC().Truncate(time.Microsecond); !out.Equal(want) || out.Location() != time.UTC {
			t.Fatalf("%v read back as %v, want %v in UTC", in, out, want)
		}
	}
}
