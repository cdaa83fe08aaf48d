package sequelizejs

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDotenv(t *testing.T) {
	src := "# comment\r\nDB_HOST=db.internal\nexport DB_USER = app \nDB_PASS='s3cr#t'\nDB_NAME=\"shop\\nline\"\n" +
		"PORT=5432 # the port\nEMPTY=\nKEY: value\nMULTI=\"a\nb\"\nBACK=`x'y\"z`\nDB_HOST=later\n"
	got := ParseDotenv(src)
	want := map[string]string{
		"DB_HOST": "later", "DB_USER": "app", "DB_PASS": "s3cr#t", "DB_NAME": "shop\nline",
		"PORT": "5432", "EMPTY": "", "KEY": "value", "MULTI": "a\nb", "BACK": `x'y"z`,
	}
	if !maps.Equal(got, want) {
		t.Errorf("ParseDotenv = %q\nwant %q", got, want)
	}
}

// config() reads the project's .env into process.env without replacing a
// variable already set, and Getenv (the CLI's view) sees what it set.
func TestDotenvConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".env"), "DB_HOST=from-file\nDB_USER=file-user\n")
	writeFile(t, filepath.Join(dir, ".env.staging"), "DB_HOST=staging-host\n")
	writeFile(t, filepath.Join(dir, "config.js"), `
const dotenv = require('dotenv');
const first = dotenv.config();
const missing = dotenv.config({ path: 'nope.env' });
module.exports = {
  host: process.env.DB_HOST, user: process.env.DB_USER,
  parsed: first.parsed.DB_HOST, missing: String(missing.error && missing.error.message),
  resolved: require('path').resolve('config', 'database.js'),
};
`)
	env := map[string]string{"DB_USER": "shell-user"}
	r := New(Options{Cwd: dir, Getenv: func(k string) string { return env[k] }})
	v, err := r.Require(filepath.Join(dir, "config.js"))
	if err != nil {
		t.Fatal(err)
	}
	got := v.Export().(map[string]any)
	for k, want := range map[string]string{
		"host": "from-file", "user": "shell-user", "parsed": "from-file",
		"resolved": filepath.Join(dir, "config", "database.js"),
	} {
		if got[k] != want {
			t.Errorf("%s = %v, want %q", k, got[k], want)
		}
	}
	if m, _ := got["missing"].(string); !strings.Contains(m, "ENOENT") || !strings.Contains(m, "nope.env") {
		t.Errorf("config({path: missing}).error = %v, want ENOENT naming the file", got["missing"])
	}
	if r.Getenv("DB_HOST") != "from-file" || r.Getenv("DB_USER") != "shell-user" {
		t.Errorf("Getenv after dotenv: DB_HOST=%q DB_USER=%q", r.Getenv("DB_HOST"), r.Getenv("DB_USER"))
	}

	// override replaces, and with it the last file of a path list wins (dotenv's rule).
	r = New(Options{Cwd: dir, Getenv: func(k string) string { return env[k] }})
	writeFile(t, filepath.Join(dir, "o.js"), `require('dotenv').config({ path: ['.env', '.env.staging'], override: true }); module.exports = {}`)
	if _, err := r.Require(filepath.Join(dir, "o.js")); err != nil {
		t.Fatal(err)
	}
	if r.Getenv("DB_HOST") != "staging-host" || r.Getenv("DB_USER") != "file-user" {
		t.Errorf("override: DB_HOST=%q DB_USER=%q", r.Getenv("DB_HOST"), r.Getenv("DB_USER"))
	}

	// ESM: import 'dotenv/config'.
	r = New(Options{Cwd: dir, Getenv: func(string) string { return "" }})
	writeFile(t, filepath.Join(dir, "e.mjs"), "import 'dotenv/config';\nexport default { host: process.env.DB_HOST };\n")
	v, err = r.Require(filepath.Join(dir, "e.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	if h := v.ToObject(r.VM).Get("default").ToObject(r.VM).Get("host"); h == nil || h.String() != "from-file" {
		t.Errorf("dotenv/config: host = %v", h)
	}
}
