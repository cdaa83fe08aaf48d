//go:build !unix && !windows

package filelock

import (
	"fmt"
	"os"
	"runtime"
)

// TryLock fails: this system has no file locks strata knows.
func TryLock(*os.File) (bool, error) {
	return false, fmt.Errorf("file locks are not supported on %s", runtime.GOOS)
}

// Unlock does nothing.
func Unlock(*os.File) error { return nil }

func release(f *os.File, _ string) error { return f.Close() }
