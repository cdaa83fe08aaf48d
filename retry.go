package strata

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Retry makes DB.Transaction run fn again, up to n more times, when the
// transaction lost a race the database resolves by failing one of the
// parties: a deadlock or a lock wait that timed out (ErrDeadlock:
// PostgreSQL 40P01, MySQL/MariaDB 1213 and 1205, SQLite BUSY after its
// busy timeout) or a serialization failure (ErrSerialization: PostgreSQL
// 40001, from REPEATABLE READ and SERIALIZABLE transactions). Each run
// begins a new transaction after the failed one rolled back, so a run is
// never half-applied on top of another; between runs it waits a short,
// random, growing time (a few milliseconds, at most a quarter second),
// and stops waiting when ctx is done, returning the last failure
// together with ctx's error. Any other error from fn, BEGIN or COMMIT is
// returned at once, without a retry.
//
// fn must be safe to run more than once: everything it does through the
// Tx is rolled back with the run that lost, but what it does outside the
// transaction (changes to Go values it closes over, messages sent, other
// connections) is not, so reset such state at the start of fn.
//
// A MySQL lock wait timeout (1205, after innodb_lock_wait_timeout, 50 s
// by default) is retried too: the whole transaction is rolled back before
// the next run, so the retry is as safe as after a deadlock; only the
// wait is long, and ctx bounds it.
func Retry(n int) TxOption {
	return txOption(func(o *txConfig) error { o.retries, o.retry = n, true; return nil })
}

// Retryable reports whether err is a failure that Retry runs a
// transaction again for: errors.Is ErrDeadlock or ErrSerialization.
func Retryable(err error) bool {
	return errors.Is(err, ErrDeadlock) || errors.Is(err, ErrSerialization)
}

// retrying runs once, and again up to retries more times while it fails
// with a Retryable error, waiting between runs.
func retrying(ctx context.Context, retries int, once func() error) error {
	for attempt := 0; ; attempt++ {
		err := once()
		if err == nil || attempt >= retries || !Retryable(err) {
			return err
		}
		t := time.NewTimer(backoff(attempt))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (strata: not retried after %d runs: %w)", err, attempt+1, context.Cause(ctx))
		case <-t.C:
		}
	}
}

// backoff is the wait before run attempt+2: from 2–4 ms, doubling, at
// most 128–256 ms, at random within each range, so the transactions that
// collided do not collide again at once.
func backoff(attempt int) time.Duration {
	d := 4 * time.Millisecond << min(attempt, 6)
	return d/2 + rand.N(d/2+1)
}
