package profit

import (
	"clientele/model"
	"clientele/tui/kit"
)

// What the tests of package profit_test, which drive the whole app, read
// of the Profit tab.

// Sections is how many sections the tab has; Bars the lines above them.
const (
	Sections = int(profitSections)
	Bars     = profitBars
)

// Summary is the summary the tab s shows.
func Summary(s kit.Screen) *model.ProfitSummary { return &s.(*profitScreen).data.summary }

// TopSelected is the customer under the cursor of the tab's top list, and
// the cursor.
func TopSelected(s kit.Screen) (model.CustomerProfit, int, bool) {
	p := s.(*profitScreen)
	c, _, ok := p.selected(secTop)
	if !ok {
		return model.CustomerProfit{}, 0, false
	}
	return *c, p.lists[0].Cursor(), true
}
