package sequelizejs

import (
	"path/filepath"
	"strings"
	"testing"
)

// recordOne records one migration file written into a temporary folder,
// after the files named ran (nil: what ran before is not known).
func recordOne(t *testing.T, dialect, src string, ran []string) *Recorded {
	t.Helper()
	f := filepath.Join(t.TempDir(), "20240101000000-x.js")
	writeFile(t, f, src)
	var history *History
	if ran != nil {
		history = &History{meta: ran}
	}
	rec, _, err := RecordFile(f, nil, RecordOptions{Dialect: dialect, Env: map[string]string{}, Now: fixedNow, History: history})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestWriteResultRowsUsed: a data-modifying WITH is a write whose rowCount
// can be read, but whose rows, when the migration uses them, are a
// Problem at that line.
func TestWriteResultRowsUsed(t *testing.T) {
	rec := recordOne(t, "postgres", `module.exports = {
  async up(qi) {
    const [rows] = await qi.sequelize.query('WITH m AS (UPDATE "T" SET a = 1 RETURNING id) SELECT id FROM m');
    for (const r of rows) await qi.addColumn('T' + r.id, 'b', { type: 'INTEGER' });
  },
  async down() {},
};`, nil)
	if len(rec.Problems) != 1 || rec.Problems[0].Line != 4 || !strings.Contains(rec.Problems[0].Reason, "rows the statement returns") {
		t.Fatalf("problems = %+v, want one at line 4 for the rows used", rec.Problems)
	}
}

// TestSequelizeMetaRead: a read of SequelizeMeta is answered from the
// history (type SELECT gives the rows alone); without a history it stays a
// data read, a Problem.
func TestSequelizeMetaRead(t *testing.T) {
	src := `module.exports = {
  async up(qi, S) {
    const rows = await qi.sequelize.query('SELECT name FROM "SequelizeMeta" ORDER BY name DESC', { type: S.QueryTypes.SELECT });
    await qi.createTable('after_' + rows.map((r) => r.name.slice(0, 1)).join(''), { id: { type: S.INTEGER } });
  },
  async down() {},
};`
	rec := recordOne(t, "postgres", src, []string{"a-1.js", "b-2.js"})
	if len(rec.Problems) != 0 || len(rec.Up) != 1 || !strings.Contains(rec.Up[0].GoString(), `"after_ba"`) {
		t.Fatalf("up = %v, problems = %+v; want createTable after_ba", rec.Up, rec.Problems)
	}
	rec = recordOne(t, "postgres", src, nil)
	if len(rec.Problems) != 1 || !strings.Contains(rec.Problems[0].Reason, "reads data") {
		t.Fatalf("without a history: problems = %+v, want the data read", rec.Problems)
	}
}

// TestDeterministicIDs: crypto.randomUUID and nanoid give the same values
// on every recording.
func TestDeterministicIDs(t *testing.T) {
	src := `const crypto = require('crypto');
const { nanoid, customAlphabet } = require('nanoid');
module.exports = {
  async up(qi) {
    await qi.bulkInsert('T', [{ a: crypto.randomUUID(), b: nanoid(), c: customAlphabet('01', 6)() }]);
  },
  async down() {},
};`
	a, b := recordOne(t, "sqlite", src, nil), recordOne(t, "sqlite", src, nil)
	if len(a.Problems) != 0 || len(a.Up) != 1 {
		t.Fatalf("up = %v, problems = %+v", a.Up, a.Problems)
	}
	if a.Up[0].GoString() != b.Up[0].GoString() {
		t.Errorf("two recordings differ:\n%s\n%s", a.Up[0].GoString(), b.Up[0].GoString())
	}
}

// TestNumberType: DataTypes.NUMBER is written as Sequelize writes it,
// NUMBER.
func TestNumberType(t *testing.T) {
	rec := recordOne(t, "sqlite", `module.exports = { async up(qi, S) { await qi.addColumn('t', 'vat', { type: S.NUMBER }); }, async down() {} };`, nil)
	if len(rec.Problems) != 0 || len(rec.Up) != 1 || !strings.Contains(rec.Up[0].GoString(), `schema.Native("sqlite", "NUMBER")`) {
		t.Fatalf("up = %v, problems = %+v", rec.Up, rec.Problems)
	}
}
