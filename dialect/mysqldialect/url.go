package mysqldialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// SQLMode is the sql_mode of every session strata opens: values that do not
// fit are errors rather than silently truncated, no zero dates, no silent
// change of storage engine. ANSI_QUOTES stays off: strata quotes names with
// backticks and strings with single quotes.
const SQLMode = "STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"

// driverOptions are go-sql-driver/mysql options a URL may pass through
// unchanged; the driver checks their values.
var driverOptions = []string{
	"allowCleartextPasswords", "allowFallbackToPlaintext", "allowNativePasswords", "allowOldPasswords",
	"checkConnLiveness", "clientFoundRows", "columnsWithAlias", "compress", "connectionAttributes",
	"maxAllowedPacket", "readTimeout", "rejectReadOnly", "serverPubKey", "timeTruncate", "timeout",
	"tls", "writeTimeout",
}

var (
	sysVarName  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	sysVarValue = regexp.MustCompile(`^('[^'\\]*'|[A-Za-z0-9_.:+-]+)$`)
)

func truthy(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// ParseURL reads a mysql:// or mariadb:// URL
// (user:password@host:port/database?options) into a driver configuration
// with strata's session settings: parseTime, loc=UTC, time_zone '+00:00',
// times truncated to microseconds (timeTruncate=1us), charset utf8mb4 (the
// server's default utf8mb4 collation unless the URL names a utf8mb4_ one)
// and sql_mode SQLMode.
//
// Options: the driver's own (tls, timeout, readTimeout …) pass through;
// socket=/path connects over a Unix socket; any other name=value sets that
// session variable. Options that would undo strata's settings or make
// bound arguments unsafe are refused with an error naming them:
// multiStatements, interpolateParams, allowAllFiles, strict, sql_mode, and
// parseTime, loc, time_zone, charset or collation with other values.
func ParseURL(rawURL string) (*mysql.Config, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mysql URL: %w", redactErr(err))
	}
	switch u.Scheme {
	case "mysql", "mariadb":
	default:
		return nil, fmt.Errorf("mysql URL %q: scheme %q is not mysql:// or mariadb://", redact(u), u.Scheme)
	}
	if u.Opaque != "" {
		return nil, fmt.Errorf("mysql URL %q: write it as mysql://user:password@host:port/database", redact(u))
	}
	dbName := strings.TrimPrefix(u.Path, "/")
	if strings.Contains(dbName, "/") {
		return nil, fmt.Errorf("mysql URL %q: the path must be one database name, not %q", redact(u), dbName)
	}

	params := url.Values{}
	params.Set("parseTime", "true")
	params.Set("charset", "utf8mb4")
	// Times are cut to microseconds on the client, as DATETIME(6) holds
	// them, rather than rounded by MySQL 8 or cut by MariaDB.
	params.Set("timeTruncate", "1us")
	socket := ""
	sysVars := map[string]string{}
	q := u.Query()
	// The unsafe options are named first, whatever else is wrong.
	for _, unsafe := range []string{"multiStatements", "interpolateParams", "allowAllFiles"} {
		for _, raw := range slices.Sorted(maps.Keys(q)) {
			if canonicalOption(raw) != unsafe {
				continue
			}
			for _, v := range q[raw] {
				if err := checkOption(unsafe, v); err != nil {
					return nil, fmt.Errorf("mysql URL: %w", err)
				}
			}
		}
	}
	for _, raw := range slices.Sorted(maps.Keys(q)) {
		vals := q[raw]
		key := canonicalOption(raw)
		if len(vals) != 1 {
			return nil, fmt.Errorf("mysql URL: option %s is given %d times; give it once", key, len(vals))
		}
		v := vals[0]
		if err := checkOption(key, v); err != nil {
			return nil, fmt.Errorf("mysql URL: %w", err)
		}
		switch {
		case key == "multiStatements" || key == "interpolateParams" || key == "allowAllFiles" ||
			key == "parseTime" || key == "loc" || key == "charset" || key == "time_zone":
			// checked above; strata's value stands
		case key == "collation":
			params.Set("collation", v)
		case key == "socket":
			socket = v
		case slices.Contains(driverOptions, key):
			params.Set(key, v)
		default:
			if !sysVarName.MatchString(key) {
				return nil, fmt.Errorf("mysql URL: option %q is neither a driver option nor a session variable name", key)
			}
			if !sysVarValue.MatchString(v) {
				return nil, fmt.Errorf("mysql URL: session variable %s=%q: give a number, a word or a single-quoted string without quotes or backslashes inside", key, v)
			}
			sysVars[key] = v
		}
	}

	network, addr := "tcp", ""
	if socket != "" {
		if u.Host != "" {
			return nil, fmt.Errorf("mysql URL %q: give either a host or socket=, not both", redact(u))
		}
		network, addr = "unix", socket
	} else {
		host, port := u.Hostname(), u.Port()
		if host == "" {
			host = "127.0.0.1"
		}
		if port == "" {
			port = "3306"
		}
		addr = net.JoinHostPort(host, port)
	}
	cfg, err := mysql.ParseDSN(network + "(" + addr + ")/?" + params.Encode())
	if err != nil {
		return nil, fmt.Errorf("mysql URL %q: %w", redact(u), err)
	}
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.DBName = dbName
	cfg.Loc = time.UTC
	cfg.ParseTime = true
	cfg.MultiStatements = false
	cfg.InterpolateParams = false
	cfg.AllowAllFiles = false
	// The library never logs; the driver's errors reach the caller anyway.
	cfg.Logger = &mysql.NopLogger{}
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	for k, v := range sysVars {
		cfg.Params[k] = v
	}
	cfg.Params["time_zone"] = "'+00:00'"
	cfg.Params["sql_mode"] = "'" + SQLMode + "'"
	return cfg, nil
}

// checkOption refuses the options that are unsafe or would undo strata's
// session settings.
func checkOption(key, v string) error {
	switch key {
	case "multiStatements":
		if truthy(v) {
			return errors.New("option multiStatements=true is refused: it lets one string run several statements, so SQL injected into a value can run a statement of its own; remove the option")
		}
	case "interpolateParams":
		if truthy(v) {
			return errors.New("option interpolateParams=true is refused: it splices arguments into the SQL text on the client, which is open to injection with some character sets and bypasses server-side binding; remove the option")
		}
	case "allowAllFiles":
		if truthy(v) {
			return errors.New("option allowAllFiles=true is refused: it lets the server read any file of this machine through LOAD DATA LOCAL INFILE; remove the option")
		}
	case "strict":
		return errors.New("option strict is refused: the driver no longer has it, and strata sets a strict sql_mode itself; remove the option")
	case "sql_mode":
		return fmt.Errorf("option sql_mode is refused: strata sets sql_mode to %s itself; remove the option", SQLMode)
	case "parseTime":
		if !truthy(v) {
			return fmt.Errorf("option parseTime=%s is refused: strata reads DATETIME columns as time.Time; remove the option", v)
		}
	case "loc":
		if v != "UTC" {
			return fmt.Errorf("option loc=%s is refused: strata keeps times in UTC; remove the option", v)
		}
	case "time_zone":
		if v != "'+00:00'" && v != "+00:00" {
			return fmt.Errorf("option time_zone=%s is refused: strata keeps sessions in UTC ('+00:00'); remove the option", v)
		}
	case "charset":
		if !strings.EqualFold(v, "utf8mb4") {
			return fmt.Errorf("option charset=%s is refused: strata uses utf8mb4, which holds every Unicode character; remove the option", v)
		}
	case "collation":
		if !strings.HasPrefix(strings.ToLower(v), "utf8mb4_") {
			return fmt.Errorf("option collation=%s is refused: the collation must belong to utf8mb4 (e.g. utf8mb4_unicode_ci)", v)
		}
	}
	return nil
}

// canonicalOption spells an option name as strata and the driver know it,
// whatever its case, so that "multistatements=true" is refused too.
func canonicalOption(key string) string {
	known := append([]string{"multiStatements", "interpolateParams", "allowAllFiles", "strict", "sql_mode",
		"parseTime", "loc", "time_zone", "charset", "collation", "socket"}, driverOptions...)
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	return key
}

// redact returns u as text with its password hidden.
func redact(u *url.URL) string {
	return u.Redacted()
}

// redactErr strips the URL (which may hold a password) from a parse error.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// DSN converts a mysql:// or mariadb:// URL into a go-sql-driver DSN with
// strata's session settings (see ParseURL).
func DSN(rawURL string) (string, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return "", err
	}
	return cfg.FormatDSN(), nil
}

// Open implements dialect.Dialect. It does not connect yet; the first use
// of the pool does. A statement whose context ends is stopped on the
// server (KILL CONNECTION, see connector).
func (*Dialect) Open(rawURL string) (*sql.DB, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return openConfig(cfg)
}

func openConfig(cfg *mysql.Config) (*sql.DB, error) {
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("mysql: %w", err)
	}
	return sql.OpenDB(&connector{base: conn}), nil
}

// serverOf opens the server a database URL points at, without selecting
// the database, and returns the database's name.
func (d *Dialect) serverOf(rawURL string) (*sql.DB, string, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, "", err
	}
	name := cfg.DBName
	if name == "" {
		return nil, "", fmt.Errorf("mysql URL names no database; add it as the path, e.g. mysql://root@127.0.0.1:3306/shop")
	}
	if err := checkDatabaseName(name); err != nil {
		return nil, "", err
	}
	cfg.DBName = ""
	db, err := openConfig(cfg)
	return db, name, err
}

// CreateDatabase implements dialect.Admin: CREATE DATABASE with the utf8mb4
// character set (and the server's default utf8mb4 collation). It is an
// error if the database exists.
func (d *Dialect) CreateDatabase(ctx context.Context, rawURL string) error {
	db, name, err := d.serverOf(rawURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+d.Quote(name)+" CHARACTER SET utf8mb4"); err != nil {
		return fmt.Errorf("create database %s: %w", d.Quote(name), d.classified(err))
	}
	return nil
}

// DropDatabase implements dialect.Admin: DROP DATABASE IF EXISTS.
func (d *Dialect) DropDatabase(ctx context.Context, rawURL string) error {
	db, name, err := d.serverOf(rawURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+d.Quote(name)); err != nil {
		return fmt.Errorf("drop database %s: %w", d.Quote(name), d.classified(err))
	}
	return nil
}

// DatabaseURL implements dialect.Admin: serverURL with its path set to name.
func (d *Dialect) DatabaseURL(serverURL, name string) (string, error) {
	if err := checkDatabaseName(name); err != nil {
		return "", err
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", fmt.Errorf("mysql URL: %w", redactErr(err))
	}
	if u.Scheme != "mysql" && u.Scheme != "mariadb" {
		return "", fmt.Errorf("mysql URL %q: scheme %q is not mysql:// or mariadb://", redact(u), u.Scheme)
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

func checkDatabaseName(name string) error {
	switch {
	case name == "":
		return errors.New("database name is empty")
	case len(name) > 64:
		return fmt.Errorf("database name %q is %d bytes long; MySQL allows at most 64: choose a shorter name", name, len(name))
	case strings.ContainsAny(name, "/\\.\x00") || strings.TrimRight(name, " ") != name:
		return fmt.Errorf("database name %q: MySQL database names cannot contain '/', '\\', '.' or NUL, nor end in a space", name)
	}
	return nil
}

// classified returns err as a *dialect.Error when Classify knows it.
func (d *Dialect) classified(err error) error {
	if c := d.Classify(err); c != nil {
		return c
	}
	return err
}
