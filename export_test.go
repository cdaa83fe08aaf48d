package strata

import (
	"reflect"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
)

// WithFeatures fixes the dialect's query features instead of asking the
// dialect (and the server) on first use.
func WithFeatures(f dialect.QueryFeatures) Option {
	return dbOption(func(db *DB) error {
		db.fixed = &f
		return nil
	})
}

// Registry returns the models known to db.
func (db *DB) Registry() *model.Registry { return db.reg }

// Model returns the metadata of a model type, computing it on first use.
func (db *DB) Model(v any) (*model.Model, error) {
	return db.reg.Of(reflect.TypeOf(v))
}

// SetIncludeChunk makes includes bind at most n keys per statement, so
// that tests can see chunking without thousands of rows.
func SetIncludeChunk(db *DB, n int) { db.inChunk = n }

// UsesDirect reports whether statements on c take the dialect's direct path.
func UsesDirect(db *DB, c Conn) bool {
	_, ok := db.directFor(c)
	return ok
}

// CachedStatements is how many prepared statements db keeps.
func CachedStatements(db *DB) int { return db.stmts.len() }

// TxStatements is how many cached statements are bound to tx's
// transaction.
func TxStatements(tx *Tx) int {
	tx.sh.mu.Lock()
	defer tx.sh.mu.Unlock()
	return len(tx.sh.stmts)
}
