package sequelizejs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// recordedHistory is a complete migration and one that became a skeleton.
func recordedHistory() []*Recorded {
	return []*Recorded{
		{
			Name: "20261126184503-create-user", File: "migrations/20261126184503-create-user.js", Ext: ".js",
			Up: []ddl.Op{ddl.CreateTable("users",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("email", schema.String(100)).NotNull())},
			Down: []ddl.Op{ddl.DropTable("users")},
		},
		{
			Name: "20261126184504-backfill", File: "migrations/20261126184504-backfill.ts", Ext: ".ts",
			Source:   []byte("export async function up(qi) { await qi.sequelize.query('SELECT 1') }"),
			Down:     []ddl.Op{},
			Problems: []*Problem{{Direction: "up", File: "migrations/20261126184504-backfill.ts", Line: 1, Construct: "qi.sequelize.query('SELECT 1')", Reason: "it reads rows"}},
		},
	}
}

// TestRegistryRuns applies the recorded history with strata's engine: the
// complete migration runs and undoes, the skeleton fails with its file,
// line and reason and leaves a failure record, never half-applied.
func TestRegistryRuns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		recs := recordedHistory()
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(Registry(recs)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx, migrate.To(recs[0].Name)); err != nil {
			t.Fatal(err)
		}
		_, err = m.Up(ctx)
		var np *migrate.NotPortedError
		if !errors.As(err, &np) || np.File != recs[1].File || np.Direction != "up" {
			t.Fatalf("the skeleton's up: %v, want a *migrate.NotPortedError for %s", err, recs[1].File)
		}
		for _, want := range []string{"line 1", "it reads rows", "port it"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q: %v", want, err)
			}
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Migrations[0].State != migrate.StateApplied || st.Migrations[0].Checksum == "" {
			t.Errorf("the complete migration: %+v, want applied with a checksum", st.Migrations[0])
		}
		if got := Skeletons(recs); len(got) != 1 || got[recs[1].Name] == nil {
			t.Errorf("Skeletons: %v", got)
		}
		if err := NotPortedAll(Skeletons(recs), "up", []string{recs[0].Name, recs[1].Name}); !errors.As(err, &np) {
			t.Errorf("NotPortedAll: %v", err)
		}
		if NotPorted(recs[0], "up") != nil {
			t.Errorf("a complete file has a NotPorted error")
		}
	})
}
