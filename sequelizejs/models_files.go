package sequelizejs

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja"
)

// What LoadModels needs around the model files: where a function is in
// them, and the packages they require that the recorder stubs.

// lineOf finds the line where a function's source starts in one of the
// files: the first line holding its first line at or after the first
// line naming near (the attribute, hook or rule it belongs to), else the
// first line holding its first line, else the first naming near. The
// file running now (cur) is searched first.
func lineOf(sources map[string]string, cur, src, near string) int {
	first := strings.TrimSpace(strings.SplitN(src, "\n", 2)[0])
	names := make([]string, 0, len(sources))
	for f := range sources {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == cur) != (names[j] == cur) {
			return names[i] == cur
		}
		return names[i] < names[j]
	})
	find := func(want string, from int, lines []string) int {
		for i := from; i < len(lines); i++ {
			if strings.Contains(lines[i], want) {
				return i
			}
		}
		return -1
	}
	for _, f := range names {
		lines := strings.Split(sources[f], "\n")
		if len(near) >= 2 {
			if at := find(near, 0, lines); at >= 0 {
				if i := find(first, at, lines); i >= 0 {
					return i + 1
				}
			}
		}
	}
	for _, want := range []string{first, near} {
		if len(want) < 3 {
			continue
		}
		for _, f := range names {
			if i := find(want, 0, strings.Split(sources[f], "\n")); i >= 0 {
				return i + 1
			}
		}
	}
	return 0
}

// modelPos is the file and line of the innermost frame of a model file
// (not the recorder's).
func modelPos(r *Runtime) (string, int) {
	for _, f := range r.VM.CaptureCallStack(32, nil) {
		if p := f.Position(); p.Line > 0 && f.SrcName() != "" && f.SrcName() != "models_recorder.js" {
			if p.Filename == "" {
				p.Filename = f.SrcName()
			}
			return p.Filename, p.Line
		}
	}
	return "", 0
}

// findLine is the first line (1-based) holding every part, or 0.
func findLine(lines []string, parts ...string) int {
	for i, l := range lines {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(l, p)
		}
		if ok {
			return i + 1
		}
	}
	return 0
}

// readsFolder reports an index.js that finds the model files with fs (the
// generated loader), which is not run.
func readsFolder(src string) bool {
	return strings.Contains(src, "readdirSync") || strings.Contains(src, "readdir(") || strings.Contains(src, "require('fs')") || strings.Contains(src, `require("fs")`)
}

var (
	bareRequire     = regexp.MustCompile(`(?:require\(\s*|from\s+|import\s+)['"]([^'"./][^'"]*)['"]`)
	relativeRequire = regexp.MustCompile(`(?:require\(\s*|from\s+|import\s+)['"](\.\.?/[^'"]*)['"]`)
)

// stubPackages gives every package the files require by a bare name that
// the runtime does not provide a stub module: every property and call
// gives the stub again (an empty string as a primitive), so a file that
// requires bcrypt for a hook, or calls crypto at load, still loads.
// The file system, child processes and the network stay unsupported.
func stubPackages(r *Runtime, dir string, sources map[string]string) []string {
	// The helper files the model files require (../utils/uid) are scanned
	// too, to a few levels.
	srcs := map[string]string{}
	for f, src := range sources {
		srcs[filepath.Join(dir, f)] = src
	}
	todo := slices.Collect(maps.Keys(srcs))
	for depth := 0; depth < 4 && len(todo) > 0; depth++ {
		var next []string
		for _, f := range todo {
			for _, m := range relativeRequire.FindAllStringSubmatch(srcs[f], -1) {
				p, ok := resolveFile(filepath.Join(filepath.Dir(f), m[1]))
				if _, seen := srcs[p]; !ok || seen {
					continue
				}
				b, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				srcs[p] = string(b)
				next = append(next, p)
			}
		}
		todo = next
	}
	var out []string
	for _, src := range srcs {
		for _, m := range bareRequire.FindAllStringSubmatch(src, -1) {
			name := strings.TrimPrefix(m[1], "node:")
			if _, ok := r.opts.Modules[name]; ok {
				continue
			}
			switch name {
			case "fs", "fs/promises", "fs-extra", "child_process", "shelljs", "execa", "http", "https", "axios", "node-fetch", "net":
				continue
			}
			r.opts.Modules[name] = stubModule
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func stubModule(r *Runtime) goja.Value {
	v, err := r.VM.RunString(`(function () {
  const stub = new Proxy(function () {}, {
    get(t, k) {
      if (k === Symbol.toPrimitive || k === 'toString' || k === 'valueOf') return () => '';
      if (typeof k === 'symbol' || k === 'then' || String(k).startsWith('__')) return undefined;
      return stub;
    },
    apply() { return stub; },
    construct() { return stub; },
  });
  return stub;
})()`)
	if err != nil {
		panic(err)
	}
	return v
}
