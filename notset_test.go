package strata_test

import (
	"database/sql"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Gadget is what model:generate writes for issue 12's reproduction
// (gen/testdata/models/gadget.go: a nullable or defaulted column is a
// pointer carrying its default), with two fields that are not pointers but
// have defaults: those are written as they are, zero included.
type Gadget struct {
	ID        int
	Email     string         `strata:",notnull,unique"`
	Role      *string        `strata:",type=ENUM('admin','guest user')"`
	Price     *string        `strata:",default=0,type=DECIMAL(10,2)"`
	UID       *string        `strata:",default=uuidv4,type=UUID"`
	SeenAt    *time.Time     `strata:",default=now"`
	Ok        *bool          `strata:",notnull,default=true"`
	Stock     *int           `strata:",notnull,default=10"`
	Bio       *string        `strata:",default='it''s, you',type=TEXT"`
	Note      sql.NullString `strata:",default='n/a'"`
	Active    bool           `strata:",default=true"`
	Count     int            `strata:",default=10"`
	CreatedAt time.Time
	UpdatedAt time.Time

	Parts []Part
	Tags  []Tag
}

func (Gadget) Associate(a *strata.Associations) {
	a.HasMany(Part{})
	a.BelongsToMany(Tag{}, strata.Through(GadgetTag{}))
}

// Part is a gadget's part (hasMany), with its own defaults.
type Part struct {
	ID       int
	GadgetID *int
	Size     *int   `strata:",notnull,default=3"`
	Label    string `strata:",default='none'"`
}

// Tag is linked to gadgets through GadgetTag, whose own columns have
// defaults.
type Tag struct {
	ID        int
	Name      string `strata:",notnull,unique"`
	GadgetTag *GadgetTag
	Gadgets   []Gadget
}

func (Tag) Associate(a *strata.Associations) {
	a.BelongsToMany(Gadget{}, strata.Through(GadgetTag{}))
}

type GadgetTag struct {
	ID       int
	GadgetID int     `strata:",notnull"`
	TagID    int     `strata:",notnull"`
	Weight   int     `strata:",notnull,default=1"`
	Color    *string `strata:",default='red'"`
}

var (
	gadgetParts = strata.HasMany[Gadget, Part]("Parts")
	gadgetTags  = strata.BelongsToMany[Gadget, Tag]("Tags")
)

func gadgets(t *testing.T, tg *dialecttest.Target) *strata.DB {
	t.Helper()
	db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(Gadget{}, Part{}, Tag{}, GadgetTag{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	return db
}

// checkDefaults fails unless g, left with only Email (and the two plain
// fields) given, got every column's default and reads back as stored.
func checkDefaults(t *testing.T, db *strata.DB, g *Gadget, path string) {
	t.Helper()
	ctx := testCtx(t)
	switch {
	case g.ID == 0:
		t.Errorf("%s: no id", path)
	case g.Role != nil:
		t.Errorf("%s: role %q, want NULL", path, *g.Role)
	case g.Price == nil || decimal(*g.Price) != 0:
		t.Errorf("%s: price %v, want the default 0", path, g.Price)
	case g.UID == nil || len(*g.UID) != 36:
		t.Errorf("%s: uid %v, want a generated UUID", path, g.UID)
	case g.SeenAt == nil || g.SeenAt.Before(time.Now().Add(-time.Hour)) || g.SeenAt.After(time.Now().Add(time.Hour)):
		t.Errorf("%s: seenAt %v, want the time of the insert", path, g.SeenAt)
	case g.Ok == nil || !*g.Ok:
		t.Errorf("%s: ok %v, want the default true", path, g.Ok)
	case g.Stock == nil || *g.Stock != 10:
		t.Errorf("%s: stock %v, want the default 10", path, g.Stock)
	case g.Bio == nil || *g.Bio != "it's, you":
		t.Errorf("%s: bio %v, want the default", path, g.Bio)
	case !g.Note.Valid || g.Note.String != "n/a":
		t.Errorf("%s: note %+v, want the default", path, g.Note)
	case g.Active || g.Count != 0:
		t.Errorf("%s: active %v count %d: a zero given must be stored, not replaced by the default", path, g.Active, g.Count)
	}
	got, err := strata.Find[Gadget](db).ByPK(ctx, g.ID)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	want := *g
	want.Parts, want.Tags = nil, nil
	if diff := cmp.Diff(*got, want, cmp.Comparer(func(a, b string) bool {
		return a == b || decimal(a) == decimal(b) && decimal(a) != 0 || a == "0" && b == "0.00" || a == "0.00" && b == "0"
	})); diff != "" {
		t.Errorf("%s: read back (-db +after the write):\n%s", path, diff)
	}
}

// TestNotSetEveryWritePath is issue 12's defects 1 and 2 on every write
// path: a field that is not set (nil) takes the column's default, read
// back into the struct; any other value is written as it is, zero
// included.
func TestNotSetEveryWritePath(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := gadgets(t, tg)

		g := Gadget{Email: "create@x.test"}
		if err := strata.Create(ctx, db, &g); err != nil {
			t.Fatalf("Create with only Email: %v", err)
		}
		checkDefaults(t, db, &g, "Create")

		rows := []Gadget{
			{Email: "bulk1@x.test"},
			{Email: "bulk2@x.test", Stock: ptr(0), Ok: ptr(false), Active: true, Count: 5},
			{Email: "bulk3@x.test"},
			{Email: "bulk4@x.test", Price: ptr("2.50"), Role: ptr("guest user")},
			{Email: "bulk5@x.test"},
		}
		if err := strata.BulkCreate(ctx, db, rows); err != nil {
			t.Fatalf("BulkCreate: %v", err)
		}
		for _, i := range []int{0, 2, 4} {
			checkDefaults(t, db, &rows[i], "BulkCreate row "+strconv.Itoa(i))
		}
		if *rows[1].Stock != 0 || *rows[1].Ok || !rows[1].Active || rows[1].Count != 5 || *rows[1].Price != "0.00" && decimal(*rows[1].Price) != 0 {
			t.Errorf("BulkCreate of given zeros: %+v", rows[1])
		}
		if decimal(*rows[3].Price) != 2.5 || *rows[3].Role != "guest user" || *rows[3].Stock != 10 {
			t.Errorf("BulkCreate of given values: %+v", rows[3])
		}

		s := Gadget{Email: "save@x.test"}
		if err := strata.Save(ctx, db, &s); err != nil {
			t.Fatalf("Save of a new row: %v", err)
		}
		checkDefaults(t, db, &s, "Save")

		u := Gadget{Email: "upsert@x.test"}
		if err := strata.Upsert(ctx, db, &u, strata.OnConflict("email")); err != nil {
			t.Fatalf("Upsert (insert): %v", err)
		}
		checkDefaults(t, db, &u, "Upsert")
		// On a collision, a field not set keeps the stored value.
		again := Gadget{Email: "upsert@x.test", Stock: ptr(4)}
		if err := strata.Upsert(ctx, db, &again, strata.OnConflict("email")); err != nil {
			t.Fatalf("Upsert (update): %v", err)
		}
		if got := must(strata.Find[Gadget](db).ByPK(ctx, u.ID))(t); *got.Stock != 4 || *got.UID != *u.UID || decimal(*got.Price) != 0 {
			t.Errorf("Upsert on a collision: %+v", got)
		}

		f, created, err := strata.Find[Gadget](db).Where(strata.Eq("email", "foc@x.test")).FindOrCreate(ctx, nil)
		if err != nil || !created {
			t.Fatalf("FindOrCreate: %v %v", created, err)
		}
		checkDefaults(t, db, f, "FindOrCreate")

		var p Part
		if err := gadgetParts.Create(ctx, db, &g, &p); err != nil {
			t.Fatalf("HasMany Create: %v", err)
		}
		if p.Size == nil || *p.Size != 3 || p.Label != "" || p.GadgetID == nil || *p.GadgetID != g.ID {
			t.Errorf("HasMany Create: %+v", p)
		}

		w := Gadget{Email: "assoc@x.test", Parts: []Part{{}, {Size: ptr(0), Label: "zero"}},
			Tags: []Tag{{Name: "plain"}, {Name: "held", GadgetTag: &GadgetTag{Weight: 0}}}}
		if err := strata.Create(ctx, db, &w, strata.WithAssociations("Parts", "Tags")); err != nil {
			t.Fatalf("Create WithAssociations: %v", err)
		}
		checkDefaults(t, db, &w, "Create WithAssociations")
		if *w.Parts[0].Size != 3 || *w.Parts[1].Size != 0 || w.Parts[1].Label != "zero" {
			t.Errorf("parts created with the gadget: %+v %+v", w.Parts[0], w.Parts[1])
		}
		links := func(gadget int) map[string]string {
			t.Helper()
			out := map[string]string{}
			for _, r := range must(strata.Find[GadgetTag](db).Where(strata.Eq("gadgetId", gadget)).All(ctx))(t) {
				tag := must(strata.Find[Tag](db).ByPK(ctx, r.TagID))(t)
				c := "NULL"
				if r.Color != nil {
					c = *r.Color
				}
				out[tag.Name] = strconv.Itoa(r.Weight) + " " + c
			}
			return out
		}
		// The join row the tag held wrote its zero weight and left its color
		// to the default; the one it did not hold took both defaults.
		if diff := cmp.Diff(links(w.ID), map[string]string{"held": "0 red", "plain": "1 red"}); diff != "" {
			t.Errorf("join rows created WithAssociations (-db +want):\n%s", diff)
		}

		// Through values are written as they are; columns not named take
		// their defaults.
		tags := []Tag{{Name: "a"}, {Name: "b"}, {Name: "c"}}
		if err := strata.BulkCreate(ctx, db, tags); err != nil {
			t.Fatal(err)
		}
		ok(t, gadgetTags.Add(ctx, db, &g, &tags[0]))
		ok(t, gadgetTags.Through(strata.Fields{"weight": 0}).Add(ctx, db, &g, &tags[1]))
		ok(t, gadgetTags.Through(strata.Fields{"color": nil, "weight": 7}).Add(ctx, db, &g, &tags[2]))
		if diff := cmp.Diff(links(g.ID), map[string]string{"a": "1 red", "b": "0 red", "c": "7 NULL"}); diff != "" {
			t.Errorf("join rows of Add (-db +want):\n%s", diff)
		}

		// Update writes what it is given: a zero is a zero, nil is NULL, and
		// nil for a NOT NULL column is refused before any SQL.
		g.Stock, g.Active, g.Role = ptr(0), true, nil
		if err := strata.Update(ctx, db, &g, "Stock", "Active", "Role"); err != nil {
			t.Fatal(err)
		}
		if got := must(strata.Find[Gadget](db).ByPK(ctx, g.ID))(t); *got.Stock != 0 || !got.Active || got.Role != nil {
			t.Errorf("after Update: %+v", got)
		}
		g.Ok = nil
		var ve *strata.ValidationError
		if err := strata.Update(ctx, db, &g, "Ok"); !errors.As(err, &ve) || len(ve.Field("Ok")) != 1 || ve.Field("Ok")[0].Rule != "notnull" {
			t.Errorf("Update of a NOT NULL column to nil: %v", err)
		}
		// Create of a NOT NULL column without a default, left nil, is
		// refused before any SQL too.
		var pe *strata.ValidationError
		if err := strata.Create(ctx, db, &Part{Size: nil}); err != nil {
			t.Errorf("Create of a part with its size left to the default: %v", err)
		}
		type Strict struct {
			ID   int
			Name *string `strata:",notnull"`
		}
		sdb := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Strict{})))(t)
		ok(t, sdb.Sync(ctx))
		if err := strata.Create(ctx, sdb, &Strict{}); !errors.As(err, &pe) || pe.Field("Name")[0].Rule != "notnull" {
			t.Errorf("Create of a NOT NULL column without a default left nil: %v", err)
		}
	})
}

// TestUpsertNotSet: on a collision, a field that is not set keeps the
// stored value, and one named in UpdateOnly is written, nil as NULL, on
// every database.
func TestUpsertNotSet(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := gadgets(t, tg)
		first := Gadget{Email: "u@x.test", Role: ptr("admin"), Bio: ptr("kept")}
		ok(t, strata.Upsert(ctx, db, &first, strata.OnConflict("email")))
		ok(t, strata.Upsert(ctx, db, &Gadget{Email: "u@x.test", Count: 3}, strata.OnConflict("email")))
		got := must(strata.Find[Gadget](db).ByPK(ctx, first.ID))(t)
		if got.Role == nil || *got.Role != "admin" || got.Bio == nil || *got.Bio != "kept" || got.Count != 3 {
			t.Errorf("a collision with fields not set: %+v, want role and bio kept, count 3", got)
		}
		ok(t, strata.Upsert(ctx, db, &Gadget{Email: "u@x.test"}, strata.OnConflict("email"), strata.UpdateOnly("Role", "Bio")))
		got = must(strata.Find[Gadget](db).ByPK(ctx, first.ID))(t)
		if got.Role != nil || got.Bio != nil || got.Count != 3 {
			t.Errorf("a collision updating only role and bio, both nil: %+v, want both NULL (not the defaults), count kept", got)
		}
	})
}
