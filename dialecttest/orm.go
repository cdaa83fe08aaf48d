package dialecttest

import (
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
)

// An ORMCase is one case of the ORM half of the conformance suite: a path of
// package strata (a write, a read, an include, a transaction, an error)
// that every dialect must run the same way. Run gets a fresh database with
// the suite's models' tables created by Sync.
type ORMCase struct {
	Name string
	Run  func(t *testing.T, db *strata.DB, tg *Target)
}

// ORMCases lists the ORM cases, in the order RunORM runs them.
func ORMCases() []ORMCase {
	return []ORMCase{
		{"TimeRoundTrip", timeRoundTrip},
		{"ValueRoundTrip", valueRoundTrip},
		{"NullVersusZero", nullVersusZero},
		{"CreateFindUpdateDestroy", createFindUpdateDestroy},
		{"IncludeHasOne", includeHasOne},
		{"IncludeHasMany", includeHasMany},
		{"IncludeBelongsTo", includeBelongsTo},
		{"IncludeBelongsToMany", includeBelongsToMany},
		{"Upsert", upsert},
		{"TransactionRollback", transactionRollback},
		{"UniqueError", uniqueError},
		{"ForeignKeyError", foreignKeyError},
		{"NotNullError", notNullError},
	}
}

// RunORM runs every ORM case for d against the server at serverURL
// (ignored for SQLite), each as a subtest on a fresh database. A dialect's
// own test calls it next to Run:
//
//	func TestORM(t *testing.T) {
//		dialecttest.RunORM(t, pgdialect.New(), os.Getenv(dialecttest.EnvPostgres))
//	}
func RunORM(t *testing.T, d dialect.Dialect, serverURL string) {
	for _, c := range ORMCases() {
		t.Run(c.Name, func(t *testing.T) {
			tg := Fresh(t, d, serverURL)
			c.Run(t, ormDB(t, tg), tg)
		})
	}
}

// ormModels are the models of the ORM cases: sample holds one value of each
// kind; author, profile, post, tag and postTag have one association of
// each kind. The models are unexported (the suite adds no names to
// dialecttest's API), so each association names its field with As.
var ormModels = []any{sample{}, author{}, profile{}, post{}, tag{}, postTag{}}

// ormDB opens tg with the ORM models and creates their tables.
func ormDB(t *testing.T, tg *Target) *strata.DB {
	t.Helper()
	db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(ormModels...))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(ctx(t)); err != nil {
		t.Fatalf("sync the ORM models on %s: %v", tg.Dialect.Name(), err)
	}
	return db
}

// sample holds one value of each kind, for round trips.
type sample struct {
	ID    int64
	I64   int64
	I32   int32
	F64   float64
	Dec   string `strata:",type=DECIMAL(20,6)"`
	Text  string `strata:",type=TEXT"`
	Str   string `strata:",size=100"`
	Blob  []byte
	At    time.Time
	AtPtr *time.Time
	Flag  bool
	PStr  *string
	PInt  *int64
	Tag   string `strata:",unique"`
}

func (sample) TableName() string { return "samples" }

// author has one profile (hasOne) and many posts (hasMany).
type author struct {
	ID      int
	Name    string `strata:",notnull,unique"`
	Profile *profile
	Posts   []post
}

func (author) TableName() string { return "authors" }

func (author) Associate(a *strata.Associations) {
	a.HasOne(profile{}, strata.As("Profile"))
	a.HasMany(post{}, strata.As("Posts"))
}

// profile is an author's one profile.
type profile struct {
	ID       int
	AuthorID int `strata:",notnull,unique"`
	Bio      string
	Author   *author
}

func (profile) TableName() string { return "profiles" }

func (profile) Associate(a *strata.Associations) { a.BelongsTo(author{}, strata.As("Author")) }

// post belongs to its author and has many tags through post_tags.
type post struct {
	ID       int
	AuthorID int `strata:",notnull"`
	Title    string
	Author   *author
	Tags     []tag
}

func (post) TableName() string { return "posts" }

func (post) Associate(a *strata.Associations) {
	a.BelongsTo(author{}, strata.As("Author"))
	a.BelongsToMany(tag{}, strata.Through(postTag{}), strata.As("Tags"))
}

// tag is a label of posts (belongsToMany); its name is its key for upserts.
type tag struct {
	ID    int
	Name  string `strata:",notnull,unique"`
	Color string
	Posts []post
}

func (tag) TableName() string { return "tags" }

func (tag) Associate(a *strata.Associations) {
	a.BelongsToMany(post{}, strata.Through(postTag{}), strata.As("Posts"))
}

// postTag is the join row of posts and tags.
type postTag struct {
	ID     int
	PostID int `strata:",notnull"`
	TagID  int `strata:",notnull"`
	Post   *post
	Tag    *tag
}

func (postTag) TableName() string { return "post_tags" }

func (postTag) Associate(a *strata.Associations) {
	a.BelongsTo(post{}, strata.As("Post"))
	a.BelongsTo(tag{}, strata.As("Tag"))
}

func ptr[T any](v T) *T { return &v }

// must(f())(t) is f's value, failing t on f's error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
