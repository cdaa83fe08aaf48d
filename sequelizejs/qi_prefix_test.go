package sequelizejs

import (
	"strings"
	"testing"
)

// TestIndexFieldLengthAndPosition: an index field's length and addColumn's
// after are recorded on MySQL (a prefix index, a placed column); on
// PostgreSQL and SQLite Sequelize leaves both out, and so does the
// recording, warning of the length.
func TestIndexFieldLengthAndPosition(t *testing.T) {
	src := `module.exports = {
  async up(qi, S) {
    await qi.addColumn('articles', 'subtitle', { type: S.STRING(200), after: 'title' });
    await qi.addIndex('articles', {
      fields: ['slug', { name: 'title', length: 50 }, { name: 'createdAt', order: 'DESC' }],
      name: 'articles_title_prefix',
    });
  },
  async down() {},
};`
	for _, tc := range []struct {
		dialect, column, index string
		warned                 bool
	}{
		{"mysql", `.Placed("title")`, `ddl.AddIndex("articles", "slug", "title", "createdAt DESC").Named("articles_title_prefix").Prefix(0, 50, 0)`, false},
		{"postgres", `schema.String(200)))`, `ddl.AddIndex("articles", "slug", "title", "\"createdAt\" DESC").Named("articles_title_prefix")`, true},
		{"sqlite", `schema.String(200)))`, `ddl.AddIndex("articles", "slug", "title", "createdAt DESC").Named("articles_title_prefix")`, true},
	} {
		rec := recordOne(t, tc.dialect, src, nil)
		if len(rec.Problems) != 0 || len(rec.Up) != 2 {
			t.Fatalf("%s: up = %v, problems = %+v", tc.dialect, rec.Up, rec.Problems)
		}
		if got := rec.Up[0].GoString(); !strings.HasSuffix(got, tc.column) {
			t.Errorf("%s: addColumn recorded as %s, want it to end %s", tc.dialect, got, tc.column)
		}
		if got := rec.Up[1].GoString(); got != tc.index {
			t.Errorf("%s: addIndex recorded as\n%s, want\n%s", tc.dialect, got, tc.index)
		}
		warned := false
		for _, w := range rec.Warnings {
			warned = warned || strings.Contains(w.Message, `{name: "title", length: 50}`)
		}
		if warned != tc.warned {
			t.Errorf("%s: warnings %+v; want a warning of the length: %v", tc.dialect, rec.Warnings, tc.warned)
		}
	}
}
