//go:build windows

package filelock

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// The locked byte lies far past the start of the file, so that the
// holder's name written there (see the SQLite lock) stays readable.
func overlapped() *windows.Overlapped { return &windows.Overlapped{OffsetHigh: 1} }

// TryLock takes an exclusive lock on f without waiting; false means
// another open file holds it.
func TryLock(f *os.File) (bool, error) {
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, overlapped())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}

// Unlock gives up a lock TryLock took.
func Unlock(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, overlapped())
}

// release unlocks and closes the file, then removes it: Windows does not
// remove an open file, so the removal fails, harmlessly, while another
// process has it open (and may be waiting for the lock).
func release(f *os.File, path string) error {
	err := Unlock(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	_ = os.Remove(path)
	return err
}
