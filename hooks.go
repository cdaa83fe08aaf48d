package strata

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Model hook methods. A model implements any of these on its pointer type;
// strata calls them around its writes and reads. A write and its hooks
// are one unit: when a model has hooks (or the DB has hooks for the
// write's events), the write runs in a transaction with them — a
// savepoint when the caller passed a *Tx — and the hooks get that
// transaction as their Conn, so an error from any hook, before or after
// the write, rolls back the write and everything the hooks wrote through
// that Conn, and leaves the caller's value as it was. Hooks write through
// the Conn they are given, never through another handle.
type (
	// BeforeValidateHook runs before validation (Create, Save, Update, Upsert).
	BeforeValidateHook interface {
		BeforeValidate(ctx context.Context, c Conn) error
	}
	// AfterValidateHook runs after validation passed.
	AfterValidateHook interface {
		AfterValidate(ctx context.Context, c Conn) error
	}
	// BeforeCreateHook runs before an INSERT.
	BeforeCreateHook interface {
		BeforeCreate(ctx context.Context, c Conn) error
	}
	// AfterCreateHook runs after an INSERT.
	AfterCreateHook interface {
		AfterCreate(ctx context.Context, c Conn) error
	}
	// BeforeUpdateHook runs before an UPDATE of the instance.
	BeforeUpdateHook interface {
		BeforeUpdate(ctx context.Context, c Conn) error
	}
	// AfterUpdateHook runs after an UPDATE of the instance.
	AfterUpdateHook interface {
		AfterUpdate(ctx context.Context, c Conn) error
	}
	// BeforeSaveHook runs before an INSERT or UPDATE of the instance, after
	// BeforeCreate or BeforeUpdate, as in Sequelize.
	BeforeSaveHook interface {
		BeforeSave(ctx context.Context, c Conn) error
	}
	// AfterSaveHook runs after an INSERT or UPDATE of the instance.
	AfterSaveHook interface {
		AfterSave(ctx context.Context, c Conn) error
	}
	// BeforeDestroyHook runs before the instance is deleted (or soft-deleted).
	BeforeDestroyHook interface {
		BeforeDestroy(ctx context.Context, c Conn) error
	}
	// AfterDestroyHook runs after the instance is deleted (or soft-deleted).
	AfterDestroyHook interface {
		AfterDestroy(ctx context.Context, c Conn) error
	}
	// AfterFindHook runs on each row a finder returns.
	AfterFindHook interface {
		AfterFind(ctx context.Context, c Conn) error
	}
	// Validator adds custom validation to a model; it runs after the tag
	// rules. Return a *ValidationError or a FieldError to name fields; any
	// other error becomes a FieldError with rule "custom".
	Validator interface {
		Validate(ctx context.Context) error
	}
)

// Event names a point in a model's life where DB-level hooks run.
type Event int

// Events, in the order they happen.
const (
	BeforeValidate Event = iota
	AfterValidate
	BeforeCreate
	BeforeUpdate
	BeforeSave
	AfterCreate
	AfterUpdate
	AfterSave
	BeforeDestroy
	AfterDestroy
	AfterFind
)

var eventNames = [...]string{"BeforeValidate", "AfterValidate", "BeforeCreate", "BeforeUpdate", "BeforeSave",
	"AfterCreate", "AfterUpdate", "AfterSave", "BeforeDestroy", "AfterDestroy", "AfterFind"}

func (e Event) String() string {
	if int(e) >= 0 && int(e) < len(eventNames) {
		return eventNames[e]
	}
	return fmt.Sprintf("Event(%d)", int(e))
}

// HookFunc is a hook registered on the DB (WithHook). m is a pointer to
// the model value (*User …).
type HookFunc func(ctx context.Context, c Conn, m any) error

// HookFor makes a HookFunc for model T from a typed function: it runs
// fn for rows of T only, and does nothing for other models:
//
//	strata.WithHook(strata.BeforeCreate, strata.HookFor(func(ctx context.Context, c strata.Conn, u *User) error { … }))
func HookFor[T any](fn func(ctx context.Context, c Conn, m *T) error) HookFunc {
	return func(ctx context.Context, c Conn, m any) error {
		if t, ok := m.(*T); ok {
			return fn(ctx, c, t)
		}
		return nil
	}
}

// HookError is an error returned by a hook, naming the event and model.
type HookError struct {
	Event Event
	Model string
	Err   error
}

func (e *HookError) Error() string {
	return fmt.Sprintf("strata: %s hook of %s: %v", e.Event, e.Model, e.Err)
}

// Unwrap returns the hook's error.
func (e *HookError) Unwrap() error { return e.Err }

// method returns v's hook method for ev, or nil when v has none.
func method(ev Event, v any) func(context.Context, Conn) error {
	switch ev {
	case BeforeValidate:
		if h, ok := v.(BeforeValidateHook); ok {
			return h.BeforeValidate
		}
	case AfterValidate:
		if h, ok := v.(AfterValidateHook); ok {
			return h.AfterValidate
		}
	case BeforeSave:
		if h, ok := v.(BeforeSaveHook); ok {
			return h.BeforeSave
		}
	case BeforeCreate:
		if h, ok := v.(BeforeCreateHook); ok {
			return h.BeforeCreate
		}
	case BeforeUpdate:
		if h, ok := v.(BeforeUpdateHook); ok {
			return h.BeforeUpdate
		}
	case AfterCreate:
		if h, ok := v.(AfterCreateHook); ok {
			return h.AfterCreate
		}
	case AfterUpdate:
		if h, ok := v.(AfterUpdateHook); ok {
			return h.AfterUpdate
		}
	case AfterSave:
		if h, ok := v.(AfterSaveHook); ok {
			return h.AfterSave
		}
	case BeforeDestroy:
		if h, ok := v.(BeforeDestroyHook); ok {
			return h.BeforeDestroy
		}
	case AfterDestroy:
		if h, ok := v.(AfterDestroyHook); ok {
			return h.AfterDestroy
		}
	case AfterFind:
		if h, ok := v.(AfterFindHook); ok {
			return h.AfterFind
		}
	}
	return nil
}

// runHook calls the model's method for ev, then the DB's hooks for ev.
func runHook(ctx context.Context, c Conn, ev Event, name string, v any) error {
	var err error
	if m := method(ev, v); m != nil {
		err = m(ctx, c)
	}
	if err == nil {
		for _, fn := range c.DB().hooks[ev] {
			if err = fn(ctx, c, v); err != nil {
				break
			}
		}
	}
	if err != nil {
		var he *HookError
		if errors.As(err, &he) {
			return err
		}
		return &HookError{Event: ev, Model: name, Err: err}
	}
	return nil
}

// runHooks runs several events in order, stopping at the first error.
func runHooks(ctx context.Context, c Conn, name string, v any, evs ...Event) error {
	for _, ev := range evs {
		if err := runHook(ctx, c, ev, name, v); err != nil {
			return err
		}
	}
	return nil
}

// QueryEvent describes one SQL statement strata runs. Hooks must not keep
// Args after AfterQuery returns.
type QueryEvent struct {
	SQL          string
	Args         []any
	InTx         bool
	Start        time.Time
	Duration     time.Duration // set for AfterQuery
	RowsAffected int64         // for statements without rows, set for AfterQuery
	Err          error         // set for AfterQuery
}

// QueryHook observes SQL statements. BeforeQuery may return a derived
// context (for a tracing span); AfterQuery gets that context.
type QueryHook interface {
	BeforeQuery(ctx context.Context, e *QueryEvent) context.Context
	AfterQuery(ctx context.Context, e *QueryEvent)
}

// QueryHookFunc is a QueryHook that only observes finished statements.
type QueryHookFunc func(ctx context.Context, e *QueryEvent)

// BeforeQuery returns ctx.
func (f QueryHookFunc) BeforeQuery(ctx context.Context, _ *QueryEvent) context.Context { return ctx }

// AfterQuery calls f.
func (f QueryHookFunc) AfterQuery(ctx context.Context, e *QueryEvent) { f(ctx, e) }

// SlogHook returns a QueryHook that logs each statement to l at debug
// level (errors at error level) with its duration. Bind values are logged
// only when withArgs is true: they may hold secrets.
func SlogHook(l *slog.Logger, withArgs bool) QueryHook {
	return QueryHookFunc(func(ctx context.Context, e *QueryEvent) {
		attrs := []slog.Attr{slog.String("sql", e.SQL), slog.Duration("duration", e.Duration), slog.Bool("tx", e.InTx)}
		if withArgs {
			attrs = append(attrs, slog.Any("args", e.Args))
		}
		if e.Err != nil {
			l.LogAttrs(ctx, slog.LevelError, "strata query failed", append(attrs, slog.String("error", e.Err.Error()))...)
			return
		}
		l.LogAttrs(ctx, slog.LevelDebug, "strata query", attrs...)
	})
}
