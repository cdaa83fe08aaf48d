package model_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// A library: the association tests' models. Each Associate method runs
// the declarations the current test case put in decls, so that one set of
// types serves every case (tests here do not run in parallel).
type (
	Author struct {
		ID      int
		Code    int
		Name    string
		Books   []Book
		Profile *Profile
	}
	Book struct {
		ID       int
		Title    string
		AuthorID *int
		EditorID *int
		Author   *Author
		Editor   *Author
		Tags     []Tag
	}
	Tag struct {
		ID      int
		Name    string
		Books   []*Book
		BookTag *BookTag
	}
	BookTag struct {
		ID     int
		BookID int `strata:",notnull"`
		TagID  int `strata:",notnull"`
		Weight int
	}
	Profile struct {
		ID       int
		AuthorID int `strata:",notnull,unique"`
		Bio      string
	}
	Employee struct {
		ID        int
		ManagerID *int
		Manager   *Employee
		Reports   []Employee
		Friends   []Employee
	}
	Wallet struct {
		ID       int64
		AuthorID *int
		Author   Author
	}
	Mismatch struct {
		ID       int
		AuthorID string
		Author   *Author
	}
)

func (Wallet) ModelOptions() model.Options { return model.Options{Underscored: true} }

var decls map[string]func(a *model.Associations)

func declare(a *model.Associations) {
	if f := decls[a.Model().Name]; f != nil {
		f(a)
	}
}

func (Author) Associate(a *model.Associations)   { declare(a) }
func (Book) Associate(a *model.Associations)     { declare(a) }
func (Tag) Associate(a *model.Associations)      { declare(a) }
func (Profile) Associate(a *model.Associations)  { declare(a) }
func (Employee) Associate(a *model.Associations) { declare(a) }
func (Wallet) Associate(a *model.Associations)   { declare(a) }
func (Mismatch) Associate(a *model.Associations) { declare(a) }

// library declares the whole graph, every kind and option in use.
var library = map[string]func(a *model.Associations){
	"Author": func(a *model.Associations) {
		a.HasMany(Book{})
		a.HasOne(Profile{})
	},
	"Book": func(a *model.Associations) {
		a.BelongsTo(Author{})
		a.BelongsTo(Author{}, model.As("Editor"), model.OnDelete("restrict"))
		a.BelongsToMany(Tag{}, model.Through(BookTag{}))
	},
	"Tag": func(a *model.Associations) {
		a.BelongsToMany(Book{}, model.Through("book_tags"))
	},
	"Employee": func(a *model.Associations) {
		a.BelongsTo(Employee{}, model.As("Manager"))
		a.HasMany(Employee{}, model.As("Reports"), model.ForeignKey("managerId"))
		a.BelongsToMany(Employee{}, model.As("Friends"), model.Through("employee_friends"))
	},
	"Wallet": func(a *model.Associations) {
		a.BelongsTo(Author{}, model.Constraints(false))
	},
}

func (BookTag) TableName() string { return "book_tags" }

func resolve(t *testing.T, d map[string]func(a *model.Associations), models ...any) (*model.Registry, error) {
	t.Helper()
	decls = d
	t.Cleanup(func() { decls = nil })
	r := model.NewRegistry()
	if err := r.Register(models...); err != nil {
		t.Fatal(err)
	}
	return r, r.Resolve()
}

func libraryModels() []any {
	return []any{Author{}, Book{}, Tag{}, BookTag{}, Profile{}, Employee{}, Wallet{}}
}

func TestResolveLibrary(t *testing.T) {
	r, err := resolve(t, library, libraryModels()...)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name, Kind, Target, ParentKey, ChildKey, Through, Other, ThroughField, Inverse string
		OnDelete, OnUpdate                                                             schema.Action
	}
	var got []row
	for _, m := range r.Models() {
		for _, a := range m.Associations() {
			x := row{Name: m.Name + "." + a.Name, Kind: a.Kind.String(), Target: a.Target.Name,
				ParentKey: a.ParentKey().Column, ChildKey: a.ChildKey().Column, OnDelete: a.OnDelete, OnUpdate: a.OnUpdate}
			if a.Through != nil {
				x.Through, x.Other = a.Through.Table, a.OtherKey.Column
			}
			if a.ThroughField != nil {
				x.ThroughField = a.ThroughField.Name
			}
			if a.Inverse != nil {
				x.Inverse = a.Inverse.Source.Name + "." + a.Inverse.Name
			}
			got = append(got, x)
		}
	}
	want := []row{
		{Name: "Author.Books", Kind: "hasMany", Target: "Book", ParentKey: "id", ChildKey: "authorId", Inverse: "Book.Author", OnDelete: schema.SetNull, OnUpdate: schema.Cascade},
		{Name: "Author.Profile", Kind: "hasOne", Target: "Profile", ParentKey: "id", ChildKey: "authorId", OnDelete: schema.Cascade, OnUpdate: schema.Cascade},
		{Name: "Book.Author", Kind: "belongsTo", Target: "Author", ParentKey: "authorId", ChildKey: "id", Inverse: "Author.Books", OnDelete: schema.SetNull, OnUpdate: schema.Cascade},
		{Name: "Book.Editor", Kind: "belongsTo", Target: "Author", ParentKey: "editorId", ChildKey: "id", OnDelete: schema.Restrict, OnUpdate: schema.Cascade},
		{Name: "Book.Tags", Kind: "belongsToMany", Target: "Tag", ParentKey: "id", ChildKey: "bookId", Through: "book_tags", Other: "tagId", ThroughField: "BookTag", Inverse: "Tag.Books", OnDelete: schema.Cascade, OnUpdate: schema.Cascade},
		{Name: "Tag.Books", Kind: "belongsToMany", Target: "Book", ParentKey: "id", ChildKey: "tagId", Through: "book_tags", Other: "bookId", Inverse: "Book.Tags", OnDelete: schema.Cascade, OnUpdate: schema.Cascade},
		{Name: "Employee.Manager", Kind: "belongsTo", Target: "Employee", ParentKey: "managerId", ChildKey: "id", Inverse: "Employee.Reports", OnDelete: schema.SetNull, OnUpdate: schema.Cascade},
		{Name: "Employee.Reports", Kind: "hasMany", Target: "Employee", ParentKey: "id", ChildKey: "managerId", Inverse: "Employee.Manager", OnDelete: schema.SetNull, OnUpdate: schema.Cascade},
		{Name: "Employee.Friends", Kind: "belongsToMany", Target: "Employee", ParentKey: "id", ChildKey: "employeeId", Through: "employee_friends", Other: "friendId", OnDelete: schema.Cascade, OnUpdate: schema.Cascade},
		{Name: "Wallet.Author", Kind: "belongsTo", Target: "Author", ParentKey: "author_id", ChildKey: "id", OnDelete: schema.SetNull, OnUpdate: schema.Cascade},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("associations (-got +want):\n%s", diff)
	}

	// The join table named by Tag.Books is the registered BookTag; the one
	// named by Employee.Friends has no model, so the registry made one.
	friends, ok := r.ByTable("employee_friends")
	if !ok || !friends.Implicit {
		t.Fatalf("no implicit join model for employee_friends")
	}
	if diff := cmp.Diff(friends.ColumnNames(), []string{"employeeId", "friendId", "createdAt", "updatedAt"}); diff != "" {
		t.Errorf("implicit join model columns (-got +want):\n%s", diff)
	}
	if len(friends.PrimaryKey) != 2 {
		t.Errorf("implicit join model key: %v", friends.PrimaryKey)
	}

	// Foreign keys land on the tables that hold them, with Sequelize's
	// default actions; Constraints(false) leaves Wallet's out.
	fks := map[string][]schema.ForeignKey{}
	for _, m := range r.Models() {
		if len(m.ForeignKeys) > 0 {
			fks[m.Table] = m.ForeignKeys
		}
	}
	fk := func(table, col, ref string, del schema.Action) schema.ForeignKey {
		return schema.ForeignKey{Name: schema.ForeignKeyName(table, []string{col}), Columns: []string{col}, RefTable: ref, RefColumns: []string{"id"}, OnDelete: del, OnUpdate: schema.Cascade}
	}
	wantFKs := map[string][]schema.ForeignKey{
		"books":            {fk("books", "authorId", "authors", schema.SetNull), fk("books", "editorId", "authors", schema.Restrict)},
		"profiles":         {fk("profiles", "authorId", "authors", schema.Cascade)},
		"book_tags":        {fk("book_tags", "bookId", "books", schema.Cascade), fk("book_tags", "tagId", "tags", schema.Cascade)},
		"employees":        {fk("employees", "managerId", "employees", schema.SetNull)},
		"employee_friends": {fk("employee_friends", "employeeId", "employees", schema.Cascade), fk("employee_friends", "friendId", "employees", schema.Cascade)},
	}
	if diff := cmp.Diff(fks, wantFKs); diff != "" {
		t.Errorf("foreign keys (-got +want):\n%s", diff)
	}
	books, _ := r.ByTable("books")
	op, err := books.CreateTable()
	if err != nil {
		t.Fatal(err)
	}
	if got := op.Table().ForeignKeys; len(got) != 2 {
		t.Errorf("CreateTable of books has foreign keys %v", got)
	}
	if err := r.Resolve(); err != nil {
		t.Errorf("second Resolve: %v", err)
	}
	if err := r.Register(Mismatch{}); err == nil {
		t.Errorf("Register after Resolve accepted")
	}
}

func TestResolveErrors(t *testing.T) {
	with := func(name string, f func(a *model.Associations)) map[string]func(*model.Associations) {
		return map[string]func(*model.Associations){name: f}
	}
	cases := []struct {
		name   string
		decls  map[string]func(*model.Associations)
		models []any
		want   string
	}{
		{"target not registered", with("Book", func(a *model.Associations) { a.BelongsTo(Author{}) }), []any{Book{}},
			"model Book, association belongsTo Author: the target Author is not registered; add Author{} to strata.WithModels"},
		{"target not a struct", with("Book", func(a *model.Associations) { a.BelongsTo(42) }), []any{Book{}},
			"model Book, association belongsTo: the target int is not a model; pass a struct value such as User{}"},
		{"no field", with("Tag", func(a *model.Associations) { a.HasMany(Author{}) }), []any{Tag{}, Author{}},
			"model Tag, association hasMany Author: Tag has no field to hold the loaded Author; add a field `Authors []Author`, or name an existing one with strata.As"},
		{"no field named by As", with("Tag", func(a *model.Associations) { a.HasMany(Book{}, model.As("Novels")) }), []any{Tag{}, Book{}},
			"model Tag, association Novels: Tag has no field Novels to hold the loaded Book; add a field `Novels []Book`"},
		{"slice for one", with("Book", func(a *model.Associations) { a.HasOne(Tag{}, model.As("Tags")) }), []any{Book{}, Tag{}},
			"model Book, association Tags: field Book.Tags is a slice but hasOne loads one Tag; make it Tags *Tag"},
		{"field of another type", with("Book", func(a *model.Associations) { a.BelongsTo(Tag{}, model.As("Author")) }), []any{Book{}, Tag{}},
			"model Book, association Author: field Book.Author holds model_test.Author, not Tag; make it Author *Tag"},
		{"ambiguous field", with("Employee", func(a *model.Associations) { a.HasMany(Employee{}) }), []any{Employee{}},
			"model Employee, association hasMany Employee: fields Reports, Friends of Employee all hold []Employee; pick one with strata.As(\"Reports\")"},
		{"no foreign key field", with("Employee", func(a *model.Associations) { a.HasMany(Employee{}, model.As("Reports")) }), []any{Employee{}},
			"model Employee, association Reports: foreign key \"employeeId\" is not a field of Employee; add a field `EmployeeID int` (or *int when the Employee is optional) to Employee, or name the key with strata.ForeignKey"},
		{"foreign key of another type", with("Mismatch", func(a *model.Associations) { a.BelongsTo(Author{}) }), []any{Mismatch{}, Author{}},
			"model Mismatch, association Author: foreign key Mismatch.AuthorID is string but the key it points at, ID, is int; give them the same type"},
		{"unknown key", with("Book", func(a *model.Associations) { a.BelongsTo(Author{}, model.TargetKey("nmae")) }), []any{Book{}, Author{}},
			"model Book, association Author: TargetKey: unknown column \"nmae\" for model Author (did you mean \"name\"?)"},
		{"declared twice", with("Book", func(a *model.Associations) { a.BelongsTo(Author{}); a.BelongsTo(Author{}) }), []any{Book{}, Author{}},
			"model Book, association Author: declared twice (belongsTo and belongsTo) for field Author; give one its own field and name it with strata.As"},
		{"many-to-many without a join table", with("Book", func(a *model.Associations) { a.BelongsToMany(Tag{}) }), []any{Book{}, Tag{}},
			"model Book, association belongsToMany Tag: belongsToMany needs a join table: add strata.Through(JoinModel{}) or strata.Through(\"join_table\")"},
		{"option of another kind", with("Author", func(a *model.Associations) { a.HasMany(Book{}, model.OtherKey("x")) }), []any{Author{}, Book{}},
			"model Author, association hasMany Book: option OtherKey does not apply to hasMany (it takes As, ForeignKey, SourceKey, OnDelete, OnUpdate, Constraints, ConstraintName, Scope)"},
		{"join model not registered", with("Book", func(a *model.Associations) { a.BelongsToMany(Tag{}, model.Through(BookTag{})) }), []any{Book{}, Tag{}},
			"model Book, association Tags: the join model BookTag is not registered; add BookTag{} to strata.WithModels"},
		{"bad action", with("Book", func(a *model.Associations) { a.BelongsTo(Author{}, model.OnDelete("explode")) }), []any{Book{}, Author{}},
			"model Book, association Author: OnDelete: unknown referential action \"explode\""},
		{"same key twice on a self join table", with("Employee", func(a *model.Associations) {
			a.BelongsToMany(Employee{}, model.As("Friends"), model.Through("friendships"), model.OtherKey("employeeId"))
		}), []any{Employee{}},
			"model Employee, association Friends: the join table's two keys are both \"employeeId\"; name the one pointing at Employee with strata.OtherKey"},
		{"inverse keys disagree", map[string]func(*model.Associations){
			"Book":   func(a *model.Associations) { a.BelongsTo(Author{}) },
			"Author": func(a *model.Associations) { a.HasMany(Book{}, model.SourceKey("Code"), model.ForeignKey("authorId")) },
		}, []any{Author{}, Book{}},
			"model Author, association Books: Author.Books (hasMany Book) joins Book.AuthorID to Author.Code but its inverse Book.Author (belongsTo Author) joins it to Author.ID; make the keys agree (strata.SourceKey, strata.TargetKey)"},
		{"inverse actions disagree", map[string]func(*model.Associations){
			"Book":   func(a *model.Associations) { a.BelongsTo(Author{}, model.OnDelete("CASCADE")) },
			"Author": func(a *model.Associations) { a.HasMany(Book{}, model.OnDelete("RESTRICT")) },
		}, []any{Author{}, Book{}},
			"OnDelete CASCADE for books.authorId, but Author.Books (hasMany Book) says RESTRICT; give one action (or set it on one side only)"},
		{"many-to-many sides disagree", map[string]func(*model.Associations){
			"Book": func(a *model.Associations) { a.BelongsToMany(Tag{}, model.Through(BookTag{})) },
			"Tag": func(a *model.Associations) {
				a.BelongsToMany(Book{}, model.Through(BookTag{}), model.ForeignKey("bookId"), model.OtherKey("tagId"))
			},
		}, []any{Book{}, Tag{}, BookTag{}},
			"model Book, association Tags: Book.Tags (belongsToMany Tag through book_tags) uses book_tags.bookId for Book and book_tags.tagId for Tag, but its inverse Tag.Books (belongsToMany Book through book_tags) uses book_tags.bookId and book_tags.tagId; swap the keys of one side"},
		{"join row field is also an association", map[string]func(*model.Associations){
			"Book": func(a *model.Associations) { a.BelongsToMany(Tag{}, model.Through(BookTag{})) },
			"Tag":  func(a *model.Associations) { a.HasOne(BookTag{}) },
		}, []any{Book{}, Tag{}, BookTag{}},
			"model Book, association Tags: field Tag.BookTag receives the join row of Book.Tags and is also the association Tag.BookTag (hasOne BookTag)"},
		{"implicit join table keys disagree", map[string]func(*model.Associations){
			"Book": func(a *model.Associations) { a.BelongsToMany(Tag{}, model.Through("labels")) },
			"Tag": func(a *model.Associations) {
				a.BelongsToMany(Book{}, model.Through("labels"), model.ForeignKey("labelId"))
			},
		}, []any{Book{}, Tag{}},
			"model Tag, association Books: join table \"labels\" has keys bookId, tagId as declared elsewhere, not \"labelId\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := resolve(t, c.decls, c.models...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}
