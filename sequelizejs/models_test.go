package sequelizejs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeModels writes model files into a new directory.
func writeModels(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadModelsRecords(t *testing.T) {
	dir := writeModels(t, map[string]string{
		"index.js": "const fs = require('fs');\nfs.readdirSync(__dirname);\n",
		"user.js": `module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define('User', {
    email: { type: DataTypes.STRING(80), allowNull: false, unique: true, validate: { isEmail: { msg: 'bad' }, custom(v) { return v; } } },
    kind: DataTypes.ENUM('a', 'b'),
  }, { tableName: 'people', paranoid: true, createdAt: 'made' });
  User.associate = (models) => {
    User.hasMany(models.Post, { foreignKey: { name: 'authorId', allowNull: false }, as: 'posts', scope: { draft: false }, constraints: false, hooks: true });
    User.belongsToMany(models.Post, { through: 'likes', as: 'liked', otherKey: 'postId' });
  };
  User.addHook('beforeCreate', (u) => { u.email = u.email.trim(); });
  return User;
};
`,
		"post.ts": `import { Table, Column, Model, DataType, ForeignKey, BelongsTo } from 'sequelize-typescript';
import { Author } from './author';
@Table({ tableName: 'posts', timestamps: false })
export class Post extends Model {
  @ForeignKey(() => Author)
  @Column(DataType.INTEGER)
  declare authorId: number;

  @BelongsTo(() => Author, { onDelete: 'CASCADE' })
  declare author: Author;

  get title(): string { return 'x'; }
}
`,
		"author.ts": `import { Table, Model } from 'sequelize-typescript';
@Table
export class Author extends Model {}
`,
		"broken.js": "module.exports = () => { throw new Error('boom'); };\n",
	})
	set, err := LoadModels(dir)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range set.Problems {
		problems = append(problems, p.File+": "+p.Reason)
	}
	if len(problems) != 1 || !strings.HasPrefix(problems[0], "broken.js: ") || !strings.Contains(problems[0], "boom") {
		t.Errorf("problems = %q, want broken.js's boom", problems)
	}
	u := set.Model("User")
	if u == nil || u.File != "user.js" || u.Form != "define" || u.Line != 2 {
		t.Fatalf("User = %+v", u)
	}
	if got := u.Options["tableName"]; got != "people" {
		t.Errorf("tableName = %v", got)
	}
	email := u.Attributes[0]
	if email.Name != "email" || email.Type.Key != "STRING" || email.Type.Length != 80 || email.AllowNull == nil || *email.AllowNull || email.Unique != true {
		t.Errorf("email = %+v (type %+v)", email, email.Type)
	}
	if len(email.Validate) != 2 || email.Validate[0].Name != "isEmail" || email.Validate[0].Msg != "bad" || email.Validate[1].Code == nil || email.Validate[1].Code.Line != 3 {
		b, _ := json.Marshal(email.Validate)
		t.Errorf("validate = %s", b)
	}
	if k := u.Attributes[1].Type; k.Key != "ENUM" || strings.Join(k.Values, ",") != "a,b" {
		t.Errorf("kind = %+v", k)
	}
	if len(u.Associations) != 2 {
		t.Fatalf("User's associations = %+v", u.Associations)
	}
	has := u.Associations[0]
	if name, allow := has.Key("foreignKey"); has.Kind != "hasMany" || has.Target != "Post" || name != "authorId" || allow == nil || *allow || has.Line != 7 {
		t.Errorf("hasMany = %+v", has)
	}
	if diff := cmp.Diff(has.Options["scope"], map[string]any{"draft": false}); diff != "" || has.Options["constraints"] != false || has.Options["hooks"] != true {
		t.Errorf("hasMany options = %v", has.Options)
	}
	if thr, isModel := u.Associations[1].Through(); thr != "likes" || isModel {
		t.Errorf("through = %q %v", thr, isModel)
	}
	if len(u.Code) != 1 || u.Code[0].Kind != "hook" || u.Code[0].Name != "beforeCreate" || u.Code[0].Line != 10 || !strings.Contains(u.Code[0].Source, "trim()") {
		t.Errorf("code = %+v", u.Code)
	}
	p := set.Model("Post")
	if p == nil || p.Form != "decorators" || p.File != "post.ts" || p.Line != 4 {
		t.Fatalf("Post = %+v", p)
	}
	if len(p.Associations) != 1 {
		t.Fatalf("Post's associations = %+v", p.Associations)
	}
	bt := p.Associations[0]
	if name, _ := bt.Key("foreignKey"); bt.Kind != "belongsTo" || bt.Target != "Author" || name != "authorId" || bt.Str("as") != "author" || bt.Str("onDelete") != "CASCADE" || bt.Line != 9 {
		t.Errorf("@BelongsTo = %+v", bt)
	}
	if len(p.Code) != 1 || p.Code[0].Kind != "getter" || p.Code[0].Name != "title" {
		t.Errorf("Post code = %+v", p.Code)
	}
}

// TestLoadModelsIndex: a hand-written index.js (one that names its files)
// runs first, so its Sequelize's define options apply and its
// associations are recorded, once even when a model's associate says the
// same; a package a model requires for its hooks is a stub.
func TestLoadModelsIndex(t *testing.T) {
	dir := writeModels(t, map[string]string{
		"index.js": `const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres', define: { underscored: true, createdAt: 'created_at' } });
sequelize.afterConnect(() => {});
const Team = require('./team')(sequelize, DataTypes);
const Player = require('./player')(sequelize, DataTypes);
Team.hasMany(Player, { foreignKey: 'team_id', as: 'players' });
module.exports = { sequelize, Team, Player };
`,
		"team.js": `const bcrypt = require('bcrypt');
const salt = bcrypt.genSaltSync(10).toString();
module.exports = (sequelize, DataTypes) => {
  const Team = sequelize.define('Team', { name: DataTypes.STRING }, { hooks: { beforeSave: (t) => { t.code = bcrypt.hashSync(t.name, salt); } } });
  Team.associate = (models) => { Team.hasMany(models.Player, { foreignKey: 'team_id', as: 'players' }); };
  return Team;
};
`,
		"player.js": `module.exports = (sequelize, DataTypes) => sequelize.define('Player', { nick: DataTypes.STRING }, { underscored: false });
`,
	})
	set, err := LoadModels(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Problems {
		t.Errorf("problem %+v", *p)
	}
	if strings.Join(set.Stubs, ",") != "bcrypt" {
		t.Errorf("stubs = %v", set.Stubs)
	}
	team, player := set.Model("Team"), set.Model("Player")
	if team == nil || player == nil {
		t.Fatalf("models = %+v", set.Models)
	}
	if team.Options["underscored"] != true || team.Options["createdAt"] != "created_at" || player.Options["underscored"] != false {
		t.Errorf("define options: Team %v, Player %v", team.Options, player.Options)
	}
	if len(team.Associations) != 1 || team.Associations[0].Str("as") != "players" {
		t.Errorf("Team's associations = %+v", team.Associations)
	}
}

// TestLoadModelsClassMethods: Sequelize 3's define options classMethods
// (with associate) are the model's statics, as that version made them.
func TestLoadModelsClassMethods(t *testing.T) {
	dir := writeModels(t, map[string]string{
		"a.js": `module.exports = function (sequelize, DataTypes) {
  var A = sequelize.define('A', { n: DataTypes.INTEGER }, {
    classMethods: {
      associate: function (models) { A.hasMany(models.B, { as: 'bs', scope: { kind: models.B.kindOne() } }); },
    },
  });
  return A;
};
`,
		"b.js": `module.exports = function (sequelize, DataTypes) {
  return sequelize.define('B', { kind: DataTypes.STRING }, { classMethods: { kindOne: function () { return 'one'; } } });
};
`,
	})
	set, err := LoadModels(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := set.Model("A")
	if len(set.Problems) > 0 || a == nil || len(a.Associations) != 1 {
		t.Fatalf("problems %v, A %+v", set.Problems, a)
	}
	if sc, _ := a.Associations[0].Options["scope"].(map[string]any); sc["kind"] != "one" {
		t.Errorf("scope = %v", a.Associations[0].Options["scope"])
	}
}
