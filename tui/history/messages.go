package history

import "clientele/model"

// pageLoadedMsg carries a page of the history: the first (after replaces
// what was shown) or the next (appended).
type pageLoadedMsg struct {
	seq     int
	changes []model.Change
	next    bool   // a next page, to append
	name    string // the customer's name, when the history is theirs
	more    bool   // the page was full: there may be older changes
}

// customerFoundMsg is the customer the filter names; id 0 when none.
type customerFoundMsg struct {
	id    int64
	name  string
	typed string
}

// changeLoadedMsg carries one change with every record it touched.
type changeLoadedMsg struct {
	detail model.ChangeDetail
}
