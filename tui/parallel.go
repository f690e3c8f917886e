package tui

import (
	"errors"
	"sync"
)

// parallel runs the store reads of one command at once, each on its own
// reader connection, and returns their errors joined. A screen that needs
// several independent reads (the Feedback and Complaints screens) waits
// for the slowest instead of the sum. Each fn writes only its own result.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
