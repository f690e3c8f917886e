package kit

import "time"

// Copies is how the book's continuous copy goes while the interface is
// open (clientele replicate's engine, which main runs when Settings
// names a destination): the root polls it and keeps it here; Settings and
// the condition line read it.
type Copies struct {
	// Destination is where the book is copied, any password hidden; ""
	// while no copy is kept.
	Destination string
	// LastCopy is when a change last reached it; zero before the first.
	LastCopy time.Time
	// Err is the latest failure, nil while copying works.
	Err error
	// FailingSince is when copying began failing.
	FailingSince time.Time
}

// Failing reports copying that has failed for at least d.
func (c Copies) Failing(now time.Time, d time.Duration) bool {
	return c.Err != nil && !c.FailingSince.IsZero() && now.Sub(c.FailingSince) >= d
}
