package strata_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

// TestReliabilityCancelDuringCommit is RELIABILITY scenario 47: a context
// cancelled just before or while COMMIT is on the wire leaves one of three
// outcomes, checked from a second connection: committed and nil; not
// committed and an error (a rollback, which says so); or an error matching
// ErrCommitOutcomeUnknown, whichever happened. Never an error that says
// "rolled back" for a transaction that committed, never nil for one that
// did not, and every error matches the context's.
func TestReliabilityCancelDuringCommit(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		n := 300
		if testing.Short() {
			n = 60
		}
		var committed, refused, unknown, mismatched int
		for i := range n {
			value := fmt.Sprintf("c%d", i)
			tctx, cancel := context.WithCancel(ctx)
			var stop *time.Timer
			err := db.Transaction(tctx, func(tx *strata.Tx) error {
				if err := strata.Create(tctx, tx, &Canary{Value: value}); err != nil {
					return err
				}
				switch i % 3 {
				case 0: // cancelled before COMMIT is sent
					cancel()
				default: // cancelled while COMMIT may be on the wire
					stop = time.AfterFunc(time.Duration(i%40)*25*time.Microsecond, cancel)
				}
				return nil
			})
			if stop != nil {
				stop.Stop()
			}
			cancel()
			rows := must(strata.Find[Canary](db).Where(strata.Eq("value", value)).Count(ctx))(t)
			var ce *dialect.ContextError
			rolledBack := errors.As(err, &ce) && ce.RolledBack
			switch {
			case err == nil && rows == 1:
				committed++
			case err != nil && !errors.Is(err, context.Canceled):
				mismatched++
				t.Errorf("iteration %d: %v does not match context.Canceled", i, err)
			case errors.Is(err, strata.ErrCommitOutcomeUnknown) && !rolledBack:
				unknown++
			case err != nil && rows == 0:
				refused++
			default:
				mismatched++
				t.Errorf("iteration %d: Transaction returned %v and the row is there %d times", i, err, rows)
			}
		}
		if st := tg.DB.Stats(); st.InUse != 0 {
			t.Errorf("%d connections in use at the end", st.InUse)
		}
		t.Logf("figure: %d commits raced with cancel: %d committed and nil, %d not committed and an error, %d ErrCommitOutcomeUnknown, %d mismatched", n, committed, refused, unknown, mismatched)
	})
}
