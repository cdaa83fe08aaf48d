//go:build !unix && !windows

package sqlitedialect

import (
	"fmt"
	"os"
	"runtime"
)

func tryLockFile(*os.File) (bool, error) {
	return false, fmt.Errorf("file locks are not supported on %s", runtime.GOOS)
}

func unlockFile(*os.File) error { return nil }
