//go:build unix

package filelock

import (
	"errors"
	"os"
	"syscall"
)

// TryLock takes an exclusive lock on f without waiting; false means
// another open file holds it.
func TryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		}
		return false, err
	}
}

// Unlock gives up a lock TryLock took.
func Unlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// release removes the file while it is still locked, so that whoever
// locks it next finds the path gone (or naming a new file) and starts
// again, then unlocks and closes it.
func release(f *os.File, path string) error {
	_ = os.Remove(path)
	err := Unlock(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
