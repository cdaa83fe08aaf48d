package filelock_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata/internal/filelock"
)

// A held lock makes Acquire wait (and say so once) until ctx is done; a
// released one leaves no file.
func TestAcquireWaitsAndReleaseRemoves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	l, err := filelock.Acquire(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	waits := 0
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := filelock.Acquire(ctx, path, func() { waits++ }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second Acquire while held: %v, want a deadline error", err)
	}
	if waits != 1 {
		t.Errorf("wait called %d times, want once", waits)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file after Release: %v", err)
	}
	l, err = filelock.Acquire(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
}

// Locks on separately opened files exclude each other within a process
// too, file removal included: 16 goroutines, 50 rounds each, one at a time.
func TestMutualExclusion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	var inside, overlaps int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				l, err := filelock.Acquire(context.Background(), path, nil)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				inside++
				if inside > 1 {
					overlaps++
				}
				mu.Unlock()
				time.Sleep(100 * time.Microsecond)
				mu.Lock()
				inside--
				mu.Unlock()
				if err := l.Release(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if overlaps > 0 {
		t.Errorf("%d times two goroutines held the lock at once", overlaps)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file after the last Release: %v", err)
	}
}
