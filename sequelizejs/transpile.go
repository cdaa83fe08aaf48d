package sequelizejs

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Transpile turns a JavaScript or TypeScript file (CommonJS or an ES
// module) into CommonJS the engine runs, with an inline source map so
// that errors and positions name the original file's lines. The loader is
// chosen by the file's extension (.ts, .mts and .cts are TypeScript;
// TypeScript decorators are the legacy experimentalDecorators form that
// sequelize-typescript uses).
func Transpile(path string, src []byte) (string, error) {
	loader := api.LoaderJS
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ts", ".mts", ".cts":
		loader = api.LoaderTS
	case ".json":
		loader = api.LoaderJSON
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:     loader,
		Format:     api.FormatCommonJS,
		Target:     api.ES2020,
		Sourcefile: path,
		Sourcemap:  api.SourceMapInline,
		Platform:   api.PlatformNode,
		// sequelize-typescript's decorators are TypeScript's legacy ones.
		TsconfigRaw: `{"compilerOptions":{"experimentalDecorators":true,"useDefineForClassFields":false}}`,
		LogLevel:    api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		m := res.Errors[0]
		line := 0
		if m.Location != nil {
			line = m.Location.Line
		}
		return "", &ScriptError{File: path, Line: line, Message: "cannot be parsed: " + m.Text}
	}
	return string(res.Code), nil
}

// ScriptError is a file that could not be parsed, or that threw when it
// ran: the file, the line (0 when unknown) and the message.
type ScriptError struct {
	File    string
	Line    int
	Message string
	// Cause is the Go error the script's exception carried, if any (an
	// *UnsupportedError a shim threw, for one).
	Cause error
}

func (e *ScriptError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

func (e *ScriptError) Unwrap() error { return e.Cause }

// UnsupportedError is something a file does that cannot be recorded or run
// here: reading a file, starting a process, requiring a package the
// Runtime does not provide, querying data. Construct names it ("require
// of \"fs\"", "sequelize.query SELECT"), Reason says why it stops the
// recording, File and Line say where.
type UnsupportedError struct {
	Construct string
	Reason    string
	File      string
	Line      int
}

func (e *UnsupportedError) Error() string {
	at := e.File
	if e.Line > 0 {
		at = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if at != "" {
		at += ": "
	}
	return fmt.Sprintf("%s%s: %s", at, e.Construct, e.Reason)
}
