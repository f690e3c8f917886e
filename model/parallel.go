package model

import (
	"errors"
	"sync"
)

// Parallel runs independent reads side by side, each fn in a goroutine of
// its own (a store query then holds its own reader connection), waits for
// all of them and returns their errors joined. A screen or an analysis
// that needs several reads waits for the slowest instead of the sum. Each
// fn writes only its own result.
func Parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = fn() })
	}
	wg.Wait()
	return errors.Join(errs...)
}
