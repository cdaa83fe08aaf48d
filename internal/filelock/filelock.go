// Package filelock is an exclusive lock between processes on a file
// (flock on Unix, LockFileEx on Windows): the SQLite migration lock and the
// CLI's lock around building a project's Go migrations. The kernel drops a
// lock when its process ends, however it ends.
//
// A released lock removes its file, so that nothing is left behind after a
// clean exit. Removing a locked file is safe only with a check on the other
// side: a process that opened the file before it was removed could lock
// the removed file while a third process locks a new one at the same path.
// So Acquire, once it holds the lock, checks that the path still names the
// file it locked, and starts again if it does not.
package filelock

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Lock is an exclusive lock on a file, held from Acquire until Release.
type Lock struct {
	f    *os.File
	path string
}

// Acquire takes the exclusive lock on the file at path, creating the file
// if needed, and tries until the lock is free or ctx is done. wait, when
// not nil, is called once, the first time the lock is found held.
func Acquire(ctx context.Context, path string, wait func()) (*Lock, error) {
	delay := 10 * time.Millisecond
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		for {
			ok, err := TryLock(f)
			if err != nil {
				f.Close()
				return nil, err
			}
			if ok {
				break
			}
			if wait != nil {
				wait()
				wait = nil
			}
			t := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				t.Stop()
				f.Close()
				return nil, fmt.Errorf("%s is locked by another process: %w", path, ctx.Err())
			case <-t.C:
			}
			delay = min(2*delay, 200*time.Millisecond)
		}
		if same, err := names(path, f); same {
			return &Lock{f: f, path: path}, nil
		} else if err != nil {
			_ = Unlock(f)
			f.Close()
			return nil, err
		}
		// The holder we waited for removed the file (and another process
		// may have made a new one): this lock guards nothing.
		_ = Unlock(f)
		f.Close()
	}
}

// names reports whether path still names the open file f.
func names(path string, f *os.File) (bool, error) {
	held, err := f.Stat()
	if err != nil {
		return false, err
	}
	now, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(held, now), nil
}

// File is the locked file, open for reading and writing (the SQLite lock
// writes its holder there).
func (l *Lock) File() *os.File { return l.f }

// Release removes the file and gives the lock up. A file that cannot be
// removed (a read-only folder; on Windows, a file another process has
// open) is left, which is harmless.
func (l *Lock) Release() error { return release(l.f, l.path) }
