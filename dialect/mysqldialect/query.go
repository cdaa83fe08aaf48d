package mysqldialect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/dialect"
)

var (
	_ dialect.QueryDialect = (*Dialect)(nil)
	_ dialect.LexDialect   = (*Dialect)(nil)
)

// LexFeatures describes how MySQL and MariaDB lex SQL text on every
// server: backslash escapes, "…" strings, `names`, # comments, -- before a
// space, and /*! … */ executable comments (which versions run, and
// whether /*M! does, QueryFeatures reads from the server).
func (*Dialect) LexFeatures() dialect.QueryFeatures {
	return dialect.QueryFeatures{
		BackslashEscapes: true, HashComments: true, DashCommentNeedsSpace: true,
		DoubleQuoteStrings: true, BacktickIdents: true, ExecutableComments: true,
	}
}

// zeroTimeText is the zero time.Time as MySQL takes it.
const zeroTimeText = "0001-01-01 00:00:00"

// QueryFeatures reads the server's version and auto-increment settings
// (the version also says which /*!NNNNN … */ comments the server runs as
// SQL, and whether it reads MariaDB's /*M! … */):
// MariaDB from 10.5 has INSERT … RETURNING; without it, a multi-row INSERT
// gets consecutive ids from LastInsertId when innodb_autoinc_lock_mode is
// 0 or 1 ("traditional" or "consecutive"). Reads run prepared
// (PrepareReads): the text protocol prints a FLOAT with 6 digits. TEXT and
// BLOB hold 65,535 bytes. The zero time.Time is bound as
// "0001-01-01 00:00:00" (ZeroTime), which the driver would send as
// 0000-00-00.
func (d *Dialect) QueryFeatures(ctx context.Context, q dialect.Querier) (dialect.QueryFeatures, error) {
	f := d.LexFeatures()
	f.Upsert = dialect.UpsertOnDuplicateKey
	f.ForUpdate, f.ForShare = "FOR UPDATE", "LOCK IN SHARE MODE"
	f.NoLimit, f.DefaultValues = "18446744073709551615", "() VALUES ()"
	f.IDStep, f.PrepareEach, f.PrepareReads = 1, true, true
	f.TextBytes, f.BlobBytes = 65535, 65535
	f.ZeroTime, f.NullsByIsNull, f.WriterIsolation = zeroTimeText, true, sql.LevelReadCommitted
	rows, err := q.QueryContext(ctx, "SELECT VERSION(), @@innodb_autoinc_lock_mode, @@auto_increment_increment")
	if err != nil {
		return f, fmt.Errorf("read server version: %w", err)
	}
	defer rows.Close()
	var version string
	var lockMode, step int64
	if rows.Next() {
		if err := rows.Scan(&version, &lockMode, &step); err != nil {
			return f, fmt.Errorf("read server version: %w", err)
		}
	}
	if err := rows.Close(); err != nil {
		return f, err
	}
	f.InsertReturning = mariaDBAtLeast(version, 10, 5)
	f.DeleteReturning = mariaDBAtLeast(version, 10, 0)
	f.MariaDBComments = strings.Contains(strings.ToLower(version), "mariadb")
	f.ServerVersion = versionID(version)
	if f.MariaDBComments {
		f.LockNoWait = mariaDBAtLeast(version, 10, 3)
		f.LockSkipLocked = mariaDBAtLeast(version, 10, 6)
	} else if f.ServerVersion >= 80001 {
		f.LockNoWait, f.LockSkipLocked, f.LockOf = true, true, true
		f.ForShareOptions = "FOR SHARE"
	}
	f.ConsecutiveIDs = lockMode == 0 || lockMode == 1
	if step > 0 {
		f.IDStep = step
	}
	return f, nil
}

// mariaDBAtLeast reports whether version (e.g. "10.11.6-MariaDB-0+deb12u1")
// is MariaDB major.minor or later.
func mariaDBAtLeast(version string, major, minor int) bool {
	if !strings.Contains(strings.ToLower(version), "mariadb") {
		return false
	}
	parts := strings.SplitN(version, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(leadingDigits(parts[1]))
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// versionID is a version such as "10.11.6-MariaDB" as 101106 (8.0.36:
// 80036), the form of the version in a /*!NNNNN comment; 0 when it does
// not parse.
func versionID(version string) int {
	parts := strings.SplitN(version, ".", 3)
	if len(parts) < 3 {
		return 0
	}
	id := 0
	for _, p := range parts {
		n, err := strconv.Atoi(leadingDigits(p))
		if err != nil || n > 99 {
			return 0
		}
		id = id*100 + n
	}
	return id
}

var _ dialect.RowEstimator = (*Dialect)(nil)

// EstimateRows reads InnoDB's row count of table from
// information_schema.TABLES (an estimate, refreshed by ANALYZE TABLE and
// as rows change); ok is false when the table is not found.
func (d *Dialect) EstimateRows(ctx context.Context, q dialect.Querier, table string) (int64, bool, error) {
	n, ok, err := dialect.QueryInt64(ctx, q, "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", table)
	return n, ok && err == nil, err
}
