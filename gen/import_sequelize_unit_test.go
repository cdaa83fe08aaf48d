package gen

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/sequelizejs"
)

func TestCamelize(t *testing.T) {
	for in, want := range map[string]string{"User_id": "UserId", "user_id": "userId", "Order Item_id": "OrderItemId", "author-uuid": "authorUuid"} {
		if got := camelize(in); got != want {
			t.Errorf("camelize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSequelizeDataType(t *testing.T) {
	for _, tt := range []struct {
		in   sequelizejs.DataType
		want string
	}{
		{sequelizejs.DataType{Key: "STRING"}, "STRING(255)"},
		{sequelizejs.DataType{Key: "STRING", Length: 20}, "STRING(20)"},
		{sequelizejs.DataType{Key: "DECIMAL", Precision: 8, Scale: 3}, "DECIMAL(8,3)"},
		{sequelizejs.DataType{Key: "TINYINT"}, "SMALLINT"},
		{sequelizejs.DataType{Key: "ENUM", Values: []string{"a", "b"}}, "ENUM('a','b')"},
		{sequelizejs.DataType{Key: "ARRAY", Elem: &sequelizejs.DataType{Key: "INTEGER"}}, "ARRAY(INTEGER)"},
		{sequelizejs.DataType{Raw: "TEXT"}, "TEXT"},
	} {
		got, err := dataType(&tt.in, nil)
		if err != nil || got.String() != tt.want {
			t.Errorf("dataType(%+v) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	if _, err := dataType(&sequelizejs.DataType{Key: "GEOMETRY"}, nil); err == nil {
		t.Error("GEOMETRY: no error")
	}
	if _, err := dataType(nil, nil); err == nil || !strings.Contains(err.Error(), "@Column(DataType") {
		t.Errorf("no type: %v", err)
	}
}

// TestImportSequelizeDefaults: Sequelize 6's default keys (UserId, from
// camelize of the model's name and key) become fields the models did not
// declare, named in the tag; an unknown target and a type without a
// portable column are reported.
func TestImportSequelizeDefaults(t *testing.T) {
	str := &sequelizejs.DataType{Key: "STRING"}
	set := &sequelizejs.ModelSet{Models: []*sequelizejs.ModelDef{
		{Name: "User", Form: "define", File: "user.js", Options: map[string]any{},
			Attributes: []*sequelizejs.AttributeDef{{Name: "name", Type: str}, {Name: "spot", Type: &sequelizejs.DataType{Key: "GEOMETRY"}}},
			Associations: []*sequelizejs.AssociationDef{
				{Kind: "hasMany", Target: "Post", Options: map[string]any{}},
				{Kind: "hasOne", Target: "Ghost", Options: map[string]any{}},
			}},
		{Name: "Post", Form: "define", File: "post.js", Options: map[string]any{"timestamps": false},
			Attributes:   []*sequelizejs.AttributeDef{{Name: "title", Type: str, Validate: []*sequelizejs.Validation{{Name: "notEmpty", Arg: true}, {Name: "is", Arg: "^a"}}}},
			Associations: []*sequelizejs.AssociationDef{{Kind: "belongsTo", Target: "User", Options: map[string]any{}}}},
	}}
	files, rep, err := ImportSequelize(set, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	post := string(files["post.go"])
	for _, want := range []string{
		"UserID *int `strata:\"UserId\" json:\"UserId\"`",
		"Title *string `json:\"title\" validate:\"len=1..\"`",
		"TODO(model:import): validation is of title: \"^a\"",
		"a.BelongsTo(User{}, strata.ForeignKey(\"UserID\"))",
		"func (Post) TableName() string { return \"Posts\" }",
	} {
		if !strings.Contains(post, want) {
			t.Errorf("post.go lacks %s:\n%s", want, post)
		}
	}
	if strings.Contains(post, "CreatedAt") {
		t.Errorf("timestamps: false, yet post.go has CreatedAt:\n%s", post)
	}
	if user := string(files["user.go"]); !strings.Contains(user, "a.HasMany(Post{}, strata.ForeignKey(\"UserID\"))") {
		t.Errorf("user.go:\n%s", user)
	}
	warns := strings.Join(rep.Warnings, "\n")
	for _, want := range []string{"attribute spot: DataTypes.GEOMETRY has no portable column type", "hasOne Ghost", "the target is no model"} {
		if !strings.Contains(warns, want) {
			t.Errorf("warnings lack %q:\n%s", want, warns)
		}
	}
}

// TestImportSequelizeActions: a hasMany and its belongsTo that give one
// key different actions keep the one declared last, as Sequelize's
// constraint does; strata would refuse both.
func TestImportSequelizeActions(t *testing.T) {
	set := &sequelizejs.ModelSet{Models: []*sequelizejs.ModelDef{
		{Name: "User", Options: map[string]any{}, Associations: []*sequelizejs.AssociationDef{
			{Kind: "hasMany", Target: "Post", Options: map[string]any{"foreignKey": map[string]any{"name": "userId"}, "onDelete": "CASCADE"}}}},
		{Name: "Post", Options: map[string]any{}, Associations: []*sequelizejs.AssociationDef{
			{Kind: "belongsTo", Target: "User", Options: map[string]any{"foreignKey": map[string]any{"name": "userId"}, "onDelete": "SET NULL", "onUpdate": "RESTRICT"}}}},
	}}
	files, rep, err := ImportSequelize(set, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if user := string(files["user.go"]); !strings.Contains(user, "a.HasMany(Post{}, strata.ForeignKey(\"UserID\"))\n") || strings.Contains(user, "strata/schema") {
		t.Errorf("user.go keeps the overridden action:\n%s", user)
	}
	if post := string(files["post.go"]); !strings.Contains(post, "strata.OnDelete(schema.SetNull), strata.OnUpdate(schema.Restrict))") {
		t.Errorf("post.go:\n%s", post)
	}
	if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, "User.Posts: strata.OnDelete(schema.Cascade) for Posts.userId is overridden by strata.OnDelete(schema.SetNull)") {
		t.Errorf("warnings:\n%s", w)
	}
}

// TestImportSequelizeNames: two aliases that are one Go field ('user' and
// 'User' over one key) are one association; an alias that is a column's
// field gets a field of its own, named in As.
func TestImportSequelizeNames(t *testing.T) {
	str := &sequelizejs.DataType{Key: "STRING"}
	fk := func(n string) map[string]any { return map[string]any{"name": n} }
	set := &sequelizejs.ModelSet{Models: []*sequelizejs.ModelDef{
		{Name: "User", Options: map[string]any{}, Attributes: []*sequelizejs.AttributeDef{{Name: "uid", Type: str, Unique: true}}},
		{Name: "Task", Options: map[string]any{"underscored": true},
			Attributes: []*sequelizejs.AttributeDef{{Name: "assigned_to", Type: str}},
			Associations: []*sequelizejs.AssociationDef{
				{Kind: "belongsTo", Target: "User", Options: map[string]any{"foreignKey": fk("user_id"), "as": "user"}},
				{Kind: "belongsTo", Target: "User", Options: map[string]any{"foreignKey": fk("user_id"), "as": "User"}},
				{Kind: "belongsTo", Target: "User", Options: map[string]any{"foreignKey": fk("assigned_to"), "targetKey": "uid", "as": "AssignedTo"}},
			}},
	}}
	files, rep, err := ImportSequelize(set, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	task := string(files["task.go"])
	for _, want := range []string{
		"a.BelongsTo(User{}, strata.ForeignKey(\"UserID\"))\n",
		"a.BelongsTo(User{}, strata.As(\"AssignedTo2\"), strata.TargetKey(\"UID\"), strata.ForeignKey(\"AssignedTo\"))",
		"AssignedTo2 *User `json:\"AssignedTo,omitempty\"`",
	} {
		if !strings.Contains(task, want) {
			t.Errorf("task.go lacks %s:\n%s", want, task)
		}
	}
	if strings.Count(task, "a.BelongsTo(") != 2 {
		t.Errorf("task.go:\n%s", task)
	}
	if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, "one field holds both") {
		t.Errorf("warnings:\n%s", w)
	}
}
