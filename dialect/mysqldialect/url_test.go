package mysqldialect_test

import (
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect/mysqldialect"
)

const session = "sql_mode=%27STRICT_ALL_TABLES%2CNO_ZERO_DATE%2CNO_ZERO_IN_DATE%2CERROR_FOR_DIVISION_BY_ZERO%2CNO_ENGINE_SUBSTITUTION%27&time_zone=%27%2B00%3A00%27"

func TestDSN(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"mysql://root@127.0.0.1:3306/", "root@tcp(127.0.0.1:3306)/?charset=utf8mb4&parseTime=true&timeTruncate=1µs&" + session},
		{"mysql://root@localhost/shop", "root@tcp(localhost:3306)/shop?charset=utf8mb4&parseTime=true&timeTruncate=1µs&" + session},
		{"mysql:///shop", "tcp(127.0.0.1:3306)/shop?charset=utf8mb4&parseTime=true&timeTruncate=1µs&" + session},
		{"mariadb://app:s3cr%40t@db.example:3307/shop?tls=true&timeout=5s",
			"app:s3cr@t@tcp(db.example:3307)/shop?charset=utf8mb4&parseTime=true&timeTruncate=1µs&timeout=5s&tls=true&" + session},
		{"mysql://u@[::1]:3306/x", "u@tcp([::1]:3306)/x?charset=utf8mb4&parseTime=true&timeTruncate=1µs&" + session},
		{"mysql://u@/shop?socket=/run/mysqld/mysqld.sock", "u@unix(/run/mysqld/mysqld.sock)/shop?charset=utf8mb4&parseTime=true&timeTruncate=1µs&" + session},
		{"mysql://u@h/shop?collation=utf8mb4_unicode_ci", "u@tcp(h:3306)/shop?charset=utf8mb4&collation=utf8mb4_unicode_ci&parseTime=true&timeTruncate=1µs&" + session},
		// Harmless spellings of strata's own settings are accepted.
		{"mysql://u@h/shop?multiStatements=false&interpolateParams=0&parseTime=true&loc=UTC&charset=UTF8MB4&time_zone=%27%2B00:00%27",
			"u@tcp(h:3306)/shop?charset=utf8mb4&parseTime=true&timeTruncate=1µs&" + session},
		// Other names are session variables.
		{"mysql://u@h/shop?wait_timeout=60&lc_messages='en_US'",
			"u@tcp(h:3306)/shop?charset=utf8mb4&parseTime=true&timeTruncate=1µs&lc_messages=%27en_US%27&" + session + "&wait_timeout=60"},
	}
	for _, tt := range tests {
		got, err := mysqldialect.DSN(tt.url)
		if err != nil {
			t.Errorf("DSN(%q): %v", tt.url, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("DSN(%q) (-got +want):\n%s", tt.url, diff)
		}
	}
}

func TestParseURLSession(t *testing.T) {
	cfg, err := mysqldialect.ParseURL("mysql://app:pa:ss%2Fword@db:3306/shop?readTimeout=2s")
	if err != nil {
		t.Fatal(err)
	}
	got := struct {
		User, Passwd, Net, Addr, DBName             string
		ParseTime, MultiStatements, InterpolateParm bool
		Loc                                         *time.Location
		ReadTimeout                                 time.Duration
		Params                                      map[string]string
	}{cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName, cfg.ParseTime, cfg.MultiStatements, cfg.InterpolateParams, cfg.Loc, cfg.ReadTimeout, cfg.Params}
	want := got
	want.User, want.Passwd, want.Net, want.Addr, want.DBName = "app", "pa:ss/word", "tcp", "db:3306", "shop"
	want.ParseTime, want.MultiStatements, want.InterpolateParm = true, false, false
	want.Loc, want.ReadTimeout = time.UTC, 2*time.Second
	want.Params = map[string]string{
		"time_zone": "'+00:00'",
		"sql_mode":  "'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
	}
	if diff := cmp.Diff(got, want, cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() })); diff != "" {
		t.Errorf("ParseURL (-got +want):\n%s", diff)
	}
	if strings.Contains(mysqldialect.SQLMode, "ANSI_QUOTES") {
		t.Errorf("SQLMode %q turns on ANSI_QUOTES", mysqldialect.SQLMode)
	}
	// The DSN reads back to the same settings.
	dsn, err := mysqldialect.DSN("mysql://app:pa:ss%2Fword@db:3306/shop?readTimeout=2s")
	if err != nil {
		t.Fatal(err)
	}
	back, err := mysql.ParseDSN(dsn)
	if err != nil {
		t.Fatalf("the driver cannot read %q: %v", dsn, err)
	}
	if back.Passwd != "pa:ss/word" || back.DBName != "shop" || !back.ParseTime || back.Params["sql_mode"] != want.Params["sql_mode"] {
		t.Errorf("driver reads DSN %q as %+v", dsn, back)
	}
}

func TestParseURLRefuses(t *testing.T) {
	tests := []struct{ url, want string }{
		{"mysql://u@h/shop?multiStatements=true", "option multiStatements=true is refused"},
		{"mysql://u@h/shop?multistatements=1", "option multiStatements=true is refused"},
		{"mysql://u@h/shop?interpolateParams=true", "option interpolateParams=true is refused"},
		{"mysql://u@h/shop?interpolateParams=true&charset=gbk", "option interpolateParams=true is refused"},
		{"mysql://u@h/shop?allowAllFiles=true", "option allowAllFiles=true is refused"},
		{"mysql://u@h/shop?strict=true", "option strict is refused"},
		{"mysql://u@h/shop?sql_mode=ANSI_QUOTES", "option sql_mode is refused"},
		{"mysql://u@h/shop?parseTime=false", "option parseTime=false is refused"},
		{"mysql://u@h/shop?loc=Local", "option loc=Local is refused"},
		{"mysql://u@h/shop?time_zone=%27SYSTEM%27", "option time_zone='SYSTEM' is refused"},
		{"mysql://u@h/shop?charset=latin1", "option charset=latin1 is refused"},
		{"mysql://u@h/shop?collation=latin1_swedish_ci", "option collation=latin1_swedish_ci is refused"},
		{"mysql://u@h/shop?tls=true&tls=false", "option tls is given 2 times"},
		{"mysql://u@h/shop?wait_timeout=1,sql_mode=%27%27", `session variable wait_timeout="1,sql_mode=''"`},
		{"mysql://u@h/shop?bad-name=1", `option "bad-name" is neither a driver option nor a session variable name`},
		{"mysql://u@h/shop?timeout=soon", "timeout"},
		{"postgres://u@h/shop", `scheme "postgres" is not mysql:// or mariadb://`},
		{"mysql://u:secret@h/a/b", `the path must be one database name, not "a/b"`},
		{"mysql://u@h/x?socket=/tmp/s", "give either a host or socket=, not both"},
		{"mysql:shop", "write it as mysql://user:password@host:port/database"},
		{"mysql://u@h:port/x", "invalid port"},
	}
	for _, tt := range tests {
		_, err := mysqldialect.ParseURL(tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseURL(%q) error = %v, want one containing %q", tt.url, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("ParseURL(%q) error shows the password: %v", tt.url, err)
		}
		if _, err := mysqldialect.New().Open(tt.url); err == nil {
			t.Errorf("Open(%q) succeeded, want an error", tt.url)
		}
	}
}

func TestDatabaseURL(t *testing.T) {
	d := mysqldialect.New()
	got, err := d.DatabaseURL("mysql://root:pw@127.0.0.1:3306/?tls=false", "strata_t_1")
	if err != nil {
		t.Fatal(err)
	}
	if want := "mysql://root:pw@127.0.0.1:3306/strata_t_1?tls=false"; got != want {
		t.Errorf("DatabaseURL = %q, want %q", got, want)
	}
	got, err = d.DatabaseURL("mariadb://root@db/old", "new")
	if err != nil || got != "mariadb://root@db/new" {
		t.Errorf("DatabaseURL swapping a database = %q, %v", got, err)
	}
	for _, tt := range []struct{ server, name, want string }{
		{"mysql://root@h/", "", "database name is empty"},
		{"mysql://root@h/", strings.Repeat("d", 65), "at most 64"},
		{"mysql://root@h/", "a.b", "cannot contain"},
		{"mysql://root@h/", "a/b", "cannot contain"},
		{"postgres://root@h/", "x", "is not mysql://"},
	} {
		if _, err := d.DatabaseURL(tt.server, tt.name); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DatabaseURL(%q, %q) error = %v, want one containing %q", tt.server, tt.name, err, tt.want)
		}
	}
}
