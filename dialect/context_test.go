package dialect_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
)

// passed is a context whose deadline has passed while its timer has not
// marked it done yet, as a dial's timeout can be seen first.
type passed struct{ context.Context }

func (passed) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

func TestWithContext(t *testing.T) {
	driverErr := errors.New("dial tcp 127.0.0.1:5432: i/o timeout")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name string
		ctx  context.Context
		err  error
		want error // matched with errors.Is; nil: err comes back unchanged
	}{
		{"live context", context.Background(), driverErr, nil},
		{"nil error", cancelled, nil, nil},
		{"cancelled", cancelled, driverErr, context.Canceled},
		{"deadline passed, timer not yet fired", passed{context.Background()}, driverErr, context.DeadlineExceeded},
		{"already the context's error", cancelled, context.Canceled, nil},
	} {
		got := dialect.WithContext(c.ctx, c.err)
		if c.want == nil {
			if got != c.err {
				t.Errorf("%s: %v, want %v unchanged", c.name, got, c.err)
			}
			continue
		}
		if !errors.Is(got, c.want) || !errors.Is(got, driverErr) {
			t.Errorf("%s: %v matches %v: %v, the driver's error: %v", c.name, got, c.want, errors.Is(got, c.want), errors.Is(got, driverErr))
		}
	}
	rb := dialect.RolledBack(cancelled, sql.ErrTxDone)
	var ce *dialect.ContextError
	if !errors.As(rb, &ce) || !ce.RolledBack || !errors.Is(rb, context.Canceled) || !errors.Is(rb, sql.ErrTxDone) {
		t.Errorf("RolledBack: %v", rb)
	}
	if want := "context canceled: the transaction was rolled back: " + sql.ErrTxDone.Error(); rb.Error() != want {
		t.Errorf("RolledBack says %q, want %q", rb.Error(), want)
	}
	if rb := dialect.RolledBack(context.Background(), sql.ErrTxDone); rb != nil {
		t.Errorf("RolledBack on a live context: %v, want nil", rb)
	}
}
