package sequelizejs

import "testing"

func TestStackPosition(t *testing.T) {
	for stack, want := range map[string]struct {
		file string
		line int
	}{
		"Error: x\n\tat /p/config.js:3:9(12)\n":                 {"/p/config.js", 3},
		"Error: x\n\tat up (/p/m/1-x.js:14:11(40))\n\tat f:1:1": {"/p/m/1-x.js", 14},
		"Error: x\n\tat native\n\tat /p/a.js:2:1\n":             {"/p/a.js", 2},
		"Error: x": {"", 0},
	} {
		if f, l := stackPosition(stack); f != want.file || l != want.line {
			t.Errorf("stackPosition(%q) = %q, %d; want %q, %d", stack, f, l, want.file, want.line)
		}
	}
}
