package sequelizejs

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/golden"
	"github.com/strata-orm/strata/schema"
)

// fixedNow is the time the recordings' new Date() gives.
var fixedNow = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// dump writes a recorded history as the test's golden text: each file's
// ops (GoString), NoTx, problems and warnings.
func dump(recs []*Recorded) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "== %s%s noTx=%v\n", r.Name, r.Ext, r.NoTx)
		for _, op := range r.Up {
			fmt.Fprintf(&b, "up   %s\n", op.GoString())
		}
		if r.Down == nil {
			b.WriteString("down (none)\n")
		}
		for _, op := range r.Down {
			fmt.Fprintf(&b, "down %s\n", op.GoString())
		}
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "problem %s %s:%d: %s: %s\n", p.Direction, filepath.Base(p.File), p.Line, p.Construct, p.Reason)
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "warning %s line %d: %s\n", w.Direction, w.Line, w.Message)
		}
	}
	return b.String()
}

// TestRecordDirHistory records testdata/history, written in the style of
// real sequelize-cli projects, on each dialect;
// testdata/methods covers each queryInterface method and option;
// testdata/misc guards, introspection and raw statements (its golden
// files were read against Sequelize v6's source); testdata/fidelity
// defaults, refused packages, writes and the helpers issue 17's real
// projects use, each as the real Sequelize 6.37 writes it.
func TestRecordDirHistory(t *testing.T) {
	for _, h := range []string{"history", "methods", "misc", "fidelity"} {
		for _, d := range []string{"postgres", "mysql", "mariadb", "sqlite"} {
			if d == "mariadb" && h != "misc" {
				continue
			}
			t.Run(h+"/"+d, func(t *testing.T) {
				recs, err := RecordDir("testdata/"+h, RecordOptions{Dialect: d, Env: map[string]string{}, Now: fixedNow})
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, "testdata/"+h+"."+d+".golden", []byte(dump(recs)))
			})
		}
	}
}

// TestRecordProblems: what cannot be recorded is a Problem with its
// direction, line, construct and reason, and the other direction is
// still recorded.
func TestRecordProblems(t *testing.T) {
	before := &schema.Database{Tables: []schema.Table{{Name: "Users", Columns: []schema.Column{{Name: "id", Type: schema.Integer()}}}}}
	var recs []*Recorded
	for _, f := range []string{"20200101000000-select.js", "20200102000000-models.js", "20200103000000-throws.js", "20200104000000-never.js", "20200105000000-esm.mjs", "20200106000000-connection.js"} {
		rec, _, err := RecordFile(filepath.Join("testdata/problems", f), before, RecordOptions{Dialect: "postgres", Env: map[string]string{}, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	out := dump(recs)
	out = strings.ReplaceAll(out, mustAbs(t, "testdata"), "testdata")
	golden.Check(t, "testdata/problems.golden", []byte(out))
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestRecordDirOrder: sequelize-cli 6.6.5's pattern and order (names
// sorted as strings: dates of 8 digits, versions, dots), no declaration
// files, no .mjs (its pattern leaves them out).
func TestRecordDirOrder(t *testing.T) {
	dir := t.TempDir()
	body := "module.exports = { up: async () => {}, down: async () => {} };\n"
	for _, n := range []string{"v2.15.0-x.js", "20190118-x.js", "20190118000000-a.b.c.js", "types.d.ts", "helper.mjs", "20200101000000-y.ts", "20190118000001-z.cjs", "README.md"} {
		writeFile(t, filepath.Join(dir, n), body)
	}
	recs, err := RecordDir(dir, RecordOptions{Dialect: "sqlite", Env: map[string]string{}, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Name+r.Ext)
		if !r.Complete() {
			t.Errorf("%s: %v", r.Name, r.Problems)
		}
	}
	want := "20190118-x.js 20190118000000-a.b.c.js 20190118000001-z.cjs 20200101000000-y.ts v2.15.0-x.js"
	if strings.Join(got, " ") != want {
		t.Errorf("order = %s, want %s", strings.Join(got, " "), want)
	}
}

// TestDescribeTableShape: describeTable, showIndex and showAllTables
// answer in Sequelize's shapes from the replayed schema.
func TestDescribeTableShape(t *testing.T) {
	before := &schema.Database{Tables: []schema.Table{{Name: "Users",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Integer(), NotNull: true, AutoIncrement: true},
			{Name: "email", Type: schema.String(80), Default: schema.Literal("x"), Comment: "login"},
		},
		PrimaryKey: []string{"id"}, Uniques: []schema.Unique{{Name: "Users_email_key", Columns: []string{"email"}}}}}}
	for _, tc := range []struct{ dialect, want string }{
		{"postgres", `-- {"users":{"id":{"type":"INTEGER","allowNull":false,"defaultValue":null,"primaryKey":true,"autoIncrement":true,"comment":null},"email":{"type":"CHARACTER VARYING(80)","allowNull":true,"defaultValue":"x","primaryKey":false,"autoIncrement":false,"comment":"login"}},"indexes":[{"name":"Users_pkey","primary":true,"unique":true,"tableName":"Users","fields":[{"attribute":"id","order":"ASC"}]},{"name":"Users_email_key","primary":false,"unique":true,"tableName":"Users","fields":[{"attribute":"email","order":"ASC"}]}],"tables":["Users"]}`},
		{"mysql", `-- {"users":{"id":{"type":"INT(11)","allowNull":false,"defaultValue":null,"primaryKey":true,"autoIncrement":true,"comment":null},"email":{"type":"VARCHAR(80)","allowNull":true,"defaultValue":"x","primaryKey":false,"autoIncrement":false,"comment":"login"}},"indexes":[{"name":"PRIMARY","primary":true,"unique":true,"tableName":"Users","fields":[{"attribute":"id","order":"ASC"}]},{"name":"Users_email_key","primary":false,"unique":true,"tableName":"Users","fields":[{"attribute":"email","order":"ASC"}]}],"tables":["Users"]}`},
	} {
		rec, _, err := RecordFile("testdata/problems/20200107000000-describe.js", before, RecordOptions{Dialect: tc.dialect, Env: map[string]string{}, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Complete() || len(rec.Up) != 1 {
			t.Fatalf("%s: ops %v, problems %v", tc.dialect, rec.Up, rec.Problems)
		}
		if got := rec.Up[0].(*ddl.RawOp).SQL; got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.dialect, got, tc.want)
		}
	}
}
