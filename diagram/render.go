package diagram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// formats are the output formats Render accepts.
var formats = []string{"svg", "png"}

// MissingDotError is Render's error when Graphviz's dot program is not
// on the PATH. It unwraps to exec.LookPath's error (exec.ErrNotFound).
type MissingDotError struct {
	Format string // the format asked for
	Err    error  // exec.LookPath's error
}

// Error says what is missing and the two ways on.
func (e *MissingDotError) Error() string {
	return fmt.Sprintf("diagram: render %s: Graphviz's dot program is not installed (%v); "+
		"install graphviz (apt-get install graphviz, brew install graphviz) or write the diagram as Mermaid or DOT text instead",
		e.Format, e.Err)
}

// Unwrap returns exec.LookPath's error.
func (e *MissingDotError) Unwrap() error { return e.Err }

// FormatError is Render's error for a format it does not write.
type FormatError struct {
	Format string
}

// Error names the format and the ones Render writes.
func (e *FormatError) Error() string {
	return fmt.Sprintf("diagram: unknown render format %q (use %s)", e.Format, strings.Join(formats, " or "))
}

// Render runs Graphviz's dot on the DOT text dot and returns the image
// in format ("svg" or "png"). Without dot on the PATH it returns a
// *MissingDotError; when dot fails, its message is in the error.
func Render(ctx context.Context, dot string, format string) ([]byte, error) {
	known := false
	for _, f := range formats {
		known = known || f == format
	}
	if !known {
		return nil, &FormatError{Format: format}
	}
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, &MissingDotError{Format: format, Err: err}
	}
	cmd := exec.CommandContext(ctx, path, "-T"+format)
	cmd.Stdin = strings.NewReader(dot)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("diagram: render %s: %w", format, errors.Join(ctxErr, err))
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			return nil, fmt.Errorf("diagram: render %s: dot: %w", format, err)
		}
		return nil, fmt.Errorf("diagram: render %s: dot: %w: %s", format, err, msg)
	}
	return out.Bytes(), nil
}
