package tui

import (
	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// alsoBoughtShown is how many suggestions the customer detail lists.
const alsoBoughtShown = 5

// loadAlsoBought reads the co-purchases of the customer's items and ranks
// what to suggest to them, in a command.
func loadAlsoBought(store model.Store, id int64) tea.Cmd {
	return func() tea.Msg {
		bought, co, err := store.CoPurchases(bg(), id)
		if err != nil {
			return errMsg{err}
		}
		return alsoBoughtLoadedMsg{id: id, suggestions: model.AlsoBought(bought, co, alsoBoughtShown),
			bought: len(bought) > 0}
	}
}

// alsoBought lays out the detail's "Also bought" section: each item the
// customer never bought that others bought with theirs, how often
// (confidence), in how many orders (support) and with what.
func (d *customerDetail) alsoBought() []string {
	if d.also == nil {
		return nil
	}
	st := d.com.styles
	lines := []string{"", st.Section.Render("Also bought") +
		st.Muted.Render(truncate("  what others who bought the same also bought", max(d.w-11, 0)))}
	switch {
	case !d.also.bought:
		return append(lines, st.Muted.Render("Suggestions come with their first order."))
	case len(d.also.suggestions) == 0:
		return append(lines, st.Muted.Render("Nothing others bought with theirs yet."))
	}
	nameW := min(max(d.w/3, 8), 28)
	const pctW = 4
	restW := max(d.w-nameW-pctW-2, 0)
	for _, s := range d.also.suggestions {
		why := sprintf("%d of %d orders with %s", s.Support, s.Orders, s.Because.Name)
		lines = append(lines, fitCell(s.Item.Name, nameW, false)+" "+fitCell(sprintf("%d%%", s.Percent()), pctW, true)+
			" "+st.Muted.Render(fitCell(why, restW, false)))
	}
	return lines
}
