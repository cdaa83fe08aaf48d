package strata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/query"
)

// Begin starts a transaction; end it with Commit or Rollback. Transaction
// is the safer form. Retry is an option of Transaction only.
func (db *DB) Begin(ctx context.Context, opts ...TxOption) (*Tx, error) {
	o, err := txOptions(opts)
	if err != nil {
		return nil, err
	}
	if o.retry {
		return nil, errors.New("strata: Retry is an option of DB.Transaction, which can run the function again; Begin cannot re-run the caller's code")
	}
	return db.begin(ctx, &o.sql)
}

// txOptions applies opts to a new txConfig.
func txOptions(opts []TxOption) (txConfig, error) {
	var o txConfig
	for i, f := range opts {
		if f == nil {
			return o, nilOption("Begin or Transaction", i)
		}
		if err := f.applyTx(&o); err != nil {
			return o, err
		}
	}
	return o, nil
}

// begin starts a transaction with database/sql's options.
func (db *DB) begin(ctx context.Context, o *sql.TxOptions) (*Tx, error) {
	if db.direct == nil || db.noDirect.Load() {
		tx, err := db.sql.BeginTx(ctx, o)
		if err != nil {
			return nil, db.wrapCtx(ctx, err, query.Begin)
		}
		return &Tx{db: db, tx: tx, sh: &txShared{}, ctx: ctx}, nil
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, db.wrapCtx(ctx, err, query.Begin)
	}
	tx, err := conn.BeginTx(ctx, o)
	if err != nil {
		conn.Close()
		return nil, db.wrapCtx(ctx, err, query.Begin)
	}
	tc := &txConn{conn: conn}
	tc.stop = context.AfterFunc(ctx, tc.close)
	return &Tx{db: db, tx: tx, tc: tc, sh: &txShared{}, ctx: ctx}, nil
}

// Transaction runs fn inside a new transaction and commits it when fn
// returns nil. When fn returns an error the transaction rolls back and
// Transaction returns that error; when fn panics the transaction rolls
// back and the panic goes on. The context bounds the whole transaction:
// when it is done, database/sql rolls the transaction back. With Retry,
// a transaction that lost a deadlock or a serialization race is rolled
// back and run again (retry.go).
func (db *DB) Transaction(ctx context.Context, fn func(tx *Tx) error, opts ...TxOption) error {
	o, err := txOptions(opts)
	if err != nil {
		return err
	}
	if o.retries < 0 {
		return fmt.Errorf("strata: Retry(%d): the number of runs after the first must be 0 or more", o.retries)
	}
	return retrying(ctx, o.retries, func() error {
		tx, err := db.begin(ctx, &o.sql)
		if err != nil {
			return err
		}
		return tx.run(fn, tx.Commit, tx.Rollback)
	})
}

// Transaction runs fn inside a savepoint of tx: an error from fn (or a
// panic) rolls back to the savepoint only, leaving the outer transaction
// usable; nil releases it. Options are refused: isolation belongs to the
// outermost transaction.
func (tx *Tx) Transaction(ctx context.Context, fn func(tx *Tx) error, opts ...TxOption) error {
	if len(opts) > 0 {
		return errors.New("strata: a nested transaction (savepoint) takes no options; set isolation on the outermost transaction")
	}
	tx.sh.next++
	child := &Tx{db: tx.db, tx: tx.tx, tc: tx.tc, parent: tx, sp: "strata_sp_" + strconv.Itoa(tx.sh.next), sh: tx.sh, ctx: tx.ctx}
	if _, err := tx.db.exec(ctx, tx, query.Savepoint(child.sp), nil); err != nil {
		return err
	}
	release := func() error {
		_, err := tx.db.exec(ctx, tx, query.ReleaseSavepoint(child.sp), nil)
		return err
	}
	rollback := func() error {
		c := context.WithoutCancel(ctx)
		if _, err := tx.db.exec(c, tx, query.RollbackToSavepoint(child.sp), nil); err != nil {
			return err
		}
		_, err := tx.db.exec(c, tx, query.ReleaseSavepoint(child.sp), nil)
		return err
	}
	return child.run(fn, release, rollback)
}

// run calls fn and then commit, or rollback when fn fails or panics (the
// panic continues after the rollback).
func (tx *Tx) run(fn func(*Tx) error, commit, rollback func() error) (err error) {
	done := false
	defer func() {
		if !done {
			_ = rollback()
		}
	}()
	err = fn(tx)
	done = true
	if err != nil {
		// Once Begin's context has ended, database/sql rolls the
		// transaction back itself; what the driver says of a second
		// rollback on the closing connection adds nothing.
		if rerr := rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) && tx.ctx.Err() == nil {
			return errors.Join(err, fmt.Errorf("strata: rollback: %w", rerr))
		}
		return err
	}
	return commit()
}

// Commit commits the transaction. On a nested Tx (inside Transaction's
// fn) it is an error: the savepoint is released when fn returns.
//
// When the context given to Begin ended before the commit, database/sql
// has rolled the transaction back: Commit returns a
// *dialect.ContextError with RolledBack set, which errors.Is matches with
// the context's error (context.DeadlineExceeded or context.Canceled) and
// sql.ErrTxDone. When it ends during the commit, the error matches the
// context's error and ErrCommitOutcomeUnknown: the commit may have taken
// effect or not.
func (tx *Tx) Commit() error {
	if tx.parent != nil {
		return errors.New("strata: Commit on a savepoint; return nil from the Transaction function instead")
	}
	if tx.ended {
		// A second Commit: database/sql says the transaction is done.
		return tx.db.wrapCtx(tx.ctx, tx.tx.Commit(), query.Commit)
	}
	tx.ended = true
	err := dialect.Commit(tx.ctx, tx.tx)
	tx.tc.release()
	var ce *dialect.ContextError
	if err == nil || errors.As(err, &ce) || errors.Is(err, ErrCommitOutcomeUnknown) {
		return err
	}
	return tx.db.wrapCtx(tx.ctx, err, query.Commit)
}

// Rollback rolls the transaction back. Rolling back a finished transaction
// returns sql.ErrTxDone.
func (tx *Tx) Rollback() error {
	if tx.parent != nil {
		return errors.New("strata: Rollback on a savepoint; return an error from the Transaction function instead")
	}
	tx.ended = true
	err := tx.tx.Rollback()
	tx.tc.release()
	return err
}
