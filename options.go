package strata

import (
	"errors"
	"fmt"
)

// ErrNilOption is matched by the error of a call given a nil option (a
// nil interface value among its options), returned before anything else
// happens.
var ErrNilOption = errors.New("strata: nil option")

// nilOption is the error for the i-th option of fn being nil.
func nilOption(fn string, i int) error {
	return fmt.Errorf("%w: option %d of %s is nil; leave it out", ErrNilOption, i+1, fn)
}

// nilOptionError is a message about a nil option that matches
// ErrNilOption (an include's, which names the include).
type nilOptionError string

func (e nilOptionError) Error() string { return string(e) }

// Is makes a nilOptionError match ErrNilOption.
func (nilOptionError) Is(target error) bool { return target == ErrNilOption }

// CreateOption changes what Create does: WithAssociations.
type CreateOption interface {
	applyCreate(o *createOpts) error
}

// createOption is a CreateOption given as a function.
type createOption func(*createOpts) error

func (f createOption) applyCreate(o *createOpts) error { return f(o) }

type createOpts struct {
	assocs []string
}

// WithAssociations makes Create also create the rows held in the named
// association fields (dotted paths for nested ones, as Include), in one
// transaction with the row itself, as Sequelize's create(…, { include }):
//
//	user := User{Email: "ann@shop.test", Orders: []Order{{Total: "9.99"}, {Total: "5.00"}}}
//	err := strata.Create(ctx, db, &user, strata.WithAssociations("Orders"))
//
// belongsTo rows are created first and the row points at them; hasOne and
// hasMany rows get the new row's key; belongsToMany targets are created
// and linked, each join row taking the values of the target's join-row
// field (Product.ProductOrder, for a quantity). A row that already has a
// primary key is linked, not created. Any failure rolls everything back
// and leaves every row given (v and the rows its fields hold) as it was.
func WithAssociations(paths ...string) CreateOption {
	return createOption(func(o *createOpts) error { o.assocs = append(o.assocs, paths...); return nil })
}

// DestroyOption changes what Destroy does: Force.
type DestroyOption interface {
	applyDestroy(o *destroyOpts) error
}

type destroyOpts struct{ force bool }

// ForceOption is Force: an option of Destroy and of Sync.
type ForceOption interface {
	DestroyOption
	SyncOption
}

type forceOption struct{}

func (forceOption) applyDestroy(o *destroyOpts) error { o.force = true; return nil }

func (forceOption) applySync(o *syncOpts) error { o.force = true; return nil }

// Force makes Destroy delete the row of a paranoid model instead of
// setting its DeletedAt, and makes Sync drop the models' tables first,
// as Sequelize's force does for destroy and sync.
func Force() ForceOption { return forceOption{} }

// SyncOption changes what Sync does: Force drops the registered models'
// tables first (losing their rows).
type SyncOption interface {
	applySync(o *syncOpts) error
}

type syncOpts struct{ force bool }
