package complaints

// The messages the Complaints tab sends itself.

// complaintsLoadedMsg carries everything the Complaints screen shows.
type complaintsLoadedMsg struct{ data *complaintData }

// complaintNamesMsg carries customers' names for the complaints on screen.
type complaintNamesMsg struct{ names map[int64]string }
