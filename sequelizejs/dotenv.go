package sequelizejs

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// dotenvLine is dotenv's (v16) LINE expression: KEY=value, "export KEY=value"
// and "KEY: value"; a value single-, double- or back-quoted (over several
// lines) or bare up to a comment.
var dotenvLine = regexp.MustCompile("(?m)^\\s*(?:export\\s+)?([\\w.-]+)(?:\\s*=\\s*?|:\\s+?)(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`|[^#\\r\\n]+)?\\s*(?:#.*)?$")

// ParseDotenv reads a .env file's text the way dotenv's parse does: later
// keys win, quotes are removed, and a double-quoted value's \n and \r
// become line breaks.
func ParseDotenv(src string) map[string]string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	out := map[string]string{}
	for _, m := range dotenvLine.FindAllStringSubmatch(src, -1) {
		v := strings.TrimSpace(m[2])
		quote := byte(0)
		if len(v) > 0 {
			quote = v[0]
		}
		if len(v) >= 2 && strings.ContainsRune("'\"`", rune(quote)) && v[len(v)-1] == quote {
			v = v[1 : len(v)-1]
		}
		if quote == '"' {
			v = strings.ReplaceAll(v, `\n`, "\n")
			v = strings.ReplaceAll(v, `\r`, "\r")
		}
		out[m[1]] = v
	}
	return out
}

// dotenvModule is the "dotenv" package: config({path, override,
// processEnv}) reads the project's .env (process.cwd()'s, or path's,
// relative to process.cwd(); a list of paths is read in order, the first
// to set a key winning) into process.env without replacing a variable
// that is already set unless override is true, and returns {parsed} or,
// when a file cannot be read, {parsed, error} as dotenv does (it does
// not throw). parse(text) and populate(target, parsed, {override}) are
// there too.
func dotenvModule(r *Runtime) goja.Value {
	vm := r.VM
	o := vm.NewObject()
	_ = o.Set("parse", func(src goja.Value) goja.Value {
		return toObject(vm, ParseDotenv(src.String()))
	})
	_ = o.Set("populate", func(c goja.FunctionCall) goja.Value {
		target := c.Argument(0).ToObject(vm)
		parsed := c.Argument(1).ToObject(vm)
		override := false
		if opts, ok := c.Argument(2).(*goja.Object); ok {
			override = opts.Get("override") != nil && opts.Get("override").ToBoolean()
		}
		for _, k := range parsed.Keys() {
			populate(target, k, parsed.Get(k).String(), override)
		}
		return goja.Undefined()
	})
	config := func(c goja.FunctionCall) goja.Value {
		return r.dotenvConfig(c.Argument(0))
	}
	_ = o.Set("config", config)
	_ = o.Set("configDotenv", config)
	return o
}

// dotenvConfigModule is "dotenv/config": requiring it runs config() with
// DOTENV_CONFIG_PATH and DOTENV_CONFIG_OVERRIDE, as the package does.
func dotenvConfigModule(r *Runtime) goja.Value {
	opts := r.VM.NewObject()
	if p := r.Getenv("DOTENV_CONFIG_PATH"); p != "" {
		_ = opts.Set("path", p)
	}
	if ov := r.Getenv("DOTENV_CONFIG_OVERRIDE"); ov == "true" {
		_ = opts.Set("override", true)
	}
	r.dotenvConfig(opts)
	return r.VM.NewObject()
}

func (r *Runtime) dotenvConfig(arg goja.Value) goja.Value {
	vm := r.VM
	paths := []string{filepath.Join(r.cwd(), ".env")}
	override := false
	target := vm.Get("process").ToObject(vm).Get("env").ToObject(vm)
	if opts, ok := arg.(*goja.Object); ok {
		if p := opts.Get("path"); p != nil && !goja.IsUndefined(p) && !goja.IsNull(p) {
			paths = nil
			if list, ok := p.Export().([]any); ok {
				for _, item := range list {
					paths = append(paths, r.fromCwd(toString(item)))
				}
			} else {
				paths = []string{r.fromCwd(p.String())}
			}
		}
		if ov := opts.Get("override"); ov != nil {
			override = ov.ToBoolean()
		}
		if pe, ok := opts.Get("processEnv").(*goja.Object); ok {
			target = pe
		}
	}
	parsed := map[string]string{}
	var firstErr error
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for k, v := range ParseDotenv(string(b)) {
			if _, seen := parsed[k]; !seen || override {
				parsed[k] = v
			}
		}
	}
	for k, v := range parsed {
		populate(target, k, v, override)
	}
	res := vm.NewObject()
	_ = res.Set("parsed", toObject(vm, parsed))
	if firstErr != nil {
		var pe *os.PathError
		msg := firstErr.Error()
		if errors.As(firstErr, &pe) && errors.Is(firstErr, os.ErrNotExist) {
			msg = "ENOENT: no such file or directory, open '" + pe.Path + "'"
		}
		e, _ := vm.New(vm.Get("Error"), vm.ToValue(msg))
		_ = res.Set("error", e)
	}
	return res
}

// populate sets key in target unless it is there already (or override).
func populate(target *goja.Object, key, value string, override bool) {
	if !override {
		if v := target.Get(key); v != nil && !goja.IsUndefined(v) {
			return
		}
	}
	_ = target.Set(key, value)
}

func (r *Runtime) fromCwd(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.cwd(), p)
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

func toObject(vm *goja.Runtime, m map[string]string) *goja.Object {
	o := vm.NewObject()
	for k, v := range m {
		_ = o.Set(k, v)
	}
	return o
}
