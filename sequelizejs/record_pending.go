package sequelizejs

import "fmt"

// RecordDir records every migration or seeder file directly in dir (.js,
// .cjs, .mjs, .ts), in the order of their names.
//
// This is a placeholder until the recording queryInterface lands (branch
// i17-recorder), which replaces this file.
func RecordDir(dir string, opts Options) ([]*Recorded, error) {
	return nil, fmt.Errorf("sequelizejs: recording %s: this build of strata cannot record JavaScript migrations yet", dir)
}
