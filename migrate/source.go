package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// fsSource is a directory of .sql migrations in a file system.
type fsSource struct {
	fsys fs.FS
	dir  string
}

// load reads the .sql files directly in the directory (not in
// subdirectories; other files are ignored) and parses them with fl's
// lexical rules.
func (s fsSource) load(fl flavor) ([]*migration, error) {
	dir := s.dir
	if dir == "" {
		dir = "."
	}
	entries, err := fs.ReadDir(s.fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrate: read migrations directory %q: %w", dir, err)
	}
	var out []*migration
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		p := path.Join(dir, e.Name())
		m, err := loadSQL(s.fsys, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m2, err := m.parse(fl)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, m2)
	}
	return out, errors.Join(errs...)
}

// rawSQL is a SQL migration file as read, before parsing.
type rawSQL struct {
	name, path string
	data       []byte
}

func loadSQL(fsys fs.FS, p string) (*rawSQL, error) {
	name := strings.TrimSuffix(path.Base(p), ".sql")
	if err := CheckName(name); err != nil {
		return nil, fmt.Errorf("migrate: %s: file %w", p, err)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return &rawSQL{name: name, path: p, data: data}, nil
}

func (r *rawSQL) parse(fl flavor) (*migration, error) {
	f, err := parseSQL(r.data, fl)
	if err != nil {
		return nil, fmt.Errorf("migrate: %s: %w", r.path, err)
	}
	m := &migration{
		name: r.name, kind: KindSQL, source: r.path,
		up: body{stmts: f.Up}, noTx: f.NoTx, allow: f.Allow, checksum: sqlChecksum(r.data),
	}
	if f.HasDown {
		m.down = &body{stmts: f.Down}
	}
	return m, nil
}

// maxErrors is how many load problems an error lists.
const maxErrors = 20

// collect checks the Go migrations, reads the SQL ones, and returns them
// all ordered by name. Every problem is reported, not only the first:
// invalid names, unreadable or malformed files, and a name defined twice
// (naming both places).
func collect(regs []Registry, dirs []fsSource, fl flavor) ([]*migration, error) {
	var all []*migration
	var errs []error
	for _, r := range regs {
		for _, gm := range r {
			m, err := loadGo(gm)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			all = append(all, m)
		}
	}
	for _, d := range dirs {
		ms, err := d.load(fl)
		if err != nil {
			errs = append(errs, err)
		}
		all = append(all, ms...)
	}
	slices.SortStableFunc(all, func(a, b *migration) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(all); i++ {
		if all[i].name == all[i-1].name {
			errs = append(errs, fmt.Errorf("migrate: migration %s is defined twice: in %s and in %s; rename or remove one", all[i].name, sourceOf(all[i-1]), sourceOf(all[i])))
		}
	}
	if len(errs) > maxErrors {
		errs = append(errs[:maxErrors], fmt.Errorf("migrate: and %d more problems", len(errs)-maxErrors))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return all, nil
}

func sourceOf(m *migration) string {
	if m.source != "" {
		return m.source
	}
	return "a Go registry"
}
