package sequelizecompat

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// MetaTables are the tables sequelize-cli keeps its state in (the
// migrations it ran, and the seeders with seederStorage "sequelize"): they
// are left out of a Recording's catalog and read into SequelizeMeta.
var MetaTables = []string{"SequelizeMeta", "SequelizeData"}

// A Recording is a database as strata reads it after sequelize-cli ran a
// history on it: the command, its exit status, the catalog (Inspect, then
// the dialect's Canonical form, sequelize-cli's own tables left out), what
// Inspect could not model, and the rows of SequelizeMeta.
type Recording struct {
	Dialect       string           `json:"dialect"`
	Command       string           `json:"command"`
	Exit          int              `json:"exit"`
	SequelizeMeta []string         `json:"sequelizeMeta"`
	Warnings      []string         `json:"warnings,omitempty"`
	Catalog       *schema.Database `json:"catalog"`
}

// Dump reads the database db of dialect d into a Recording (Command and
// Exit are the caller's to fill in).
func Dump(ctx context.Context, q dialect.Querier, d dialect.Dialect) (*Recording, error) {
	live, err := d.Inspect(ctx, q, MetaTables...)
	if err != nil {
		return nil, fmt.Errorf("sequelizecompat: inspect the %s database: %w", d.Name(), err)
	}
	r := &Recording{Dialect: d.Name(), SequelizeMeta: []string{}}
	for _, w := range live.Warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	r.Catalog = d.Canonical(live)
	meta, err := Meta(ctx, q, d)
	if err != nil {
		return nil, err
	}
	r.SequelizeMeta = meta
	return r, nil
}

// Meta returns the names SequelizeMeta holds, sorted; none when the table
// does not exist.
func Meta(ctx context.Context, q dialect.Querier, d dialect.Dialect) ([]string, error) {
	all, err := d.Inspect(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sequelizecompat: inspect the %s database: %w", d.Name(), err)
	}
	names := []string{}
	if all.Table("SequelizeMeta") == nil {
		return names, nil
	}
	rows, err := q.QueryContext(ctx, "SELECT "+d.Quote("name")+" FROM "+d.Quote("SequelizeMeta"))
	if err != nil {
		return nil, fmt.Errorf("sequelizecompat: read SequelizeMeta: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("sequelizecompat: read SequelizeMeta: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sequelizecompat: read SequelizeMeta: %w", err)
	}
	slices.Sort(names)
	return names, nil
}

// Load reads a Recording written by record-sequelize-cli.sh.
func Load(path string) (*Recording, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sequelizecompat: %w (run internal/sequelizecompat/record-sequelize-cli.sh to record it)", err)
	}
	var r Recording
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("sequelizecompat: read %s: %w", path, err)
	}
	if r.Catalog == nil {
		r.Catalog = &schema.Database{}
	}
	return &r, nil
}

// Marshal is the JSON a Recording is written as: indented, one trailing
// newline.
func (r *Recording) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
