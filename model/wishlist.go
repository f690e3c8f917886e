package model

import (
	"sort"
	"strings"
	"time"
	"unicode"
)

// Wish is one answer to "what do you wish we offered?", with who gave it.
type Wish struct {
	ID         int64
	On         time.Time
	CustomerID int64  // 0 for anonymous
	Customer   string // the customer's name, "" for anonymous
	Answer     string
	Theme      string // the owner's theme, "" when not assigned
}

// WishTheme is a group of wishes that say the same thing.
type WishTheme struct {
	Key    string // ThemeKey of the label: what the wishes have in common
	Label  string // the owner's theme, else the wording most wishes used
	Owned  bool   // the owner named the theme
	Wishes []Wish // newest first
	Askers int    // distinct customers who asked; each anonymous wish counts once
	Latest time.Time
}

// ThemeKey normalises a wish or a theme so that the same wording groups by
// itself: lower case, apostrophes dropped, other punctuation and runs of
// white space made one space, and simple plurals made singular ("Gift
// boxes!" and "gift box" both give "gift box").
func ThemeKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = singular(w)
	}
	return strings.Join(words, " ")
}

// singular undoes the regular English plurals: berries → berry, boxes →
// box, candles → candle. Short words and -ss, -us, -is endings are kept
// (class, bus, this).
func singular(w string) string {
	if len([]rune(w)) <= 3 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return strings.TrimSuffix(w, "es")
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// GroupWishes groups wishes by theme: a wish the owner gave a theme joins
// that theme, any other joins the wishes worded the same way (ThemeKey),
// and an owner's theme and a wording with the same key are one group. A
// wish with no theme whose wording holds a theme the owner named of two
// words or more joins it too ("Refill pouches for the candles" joins
// "refill pouches"; the longest such theme when several fit). The
// label is the owner's theme when there is one, else the most used
// wording (the newest on a tie). Groups come most-asked first: by distinct
// askers, then by wishes, then by the latest wish, then by label.
func GroupWishes(wishes []Wish) []WishTheme {
	type group struct {
		theme    WishTheme
		askers   map[int64]struct{}
		anon     int
		owned    map[string]int // the owner's spellings and their use
		wordings map[string]int
	}
	var order []string
	groups := map[string]*group{}
	owned := map[string]bool{} // the keys of the themes the owner named
	for _, w := range wishes {
		if strings.TrimSpace(w.Theme) != "" {
			owned[ThemeKey(w.Theme)] = true
		}
	}
	for _, w := range wishes {
		text := w.Answer
		if strings.TrimSpace(w.Theme) != "" {
			text = w.Theme
		}
		k := ThemeKey(text)
		if k == "" {
			continue
		}
		if text == w.Answer && !owned[k] {
			k = ownedWithin(k, owned)
		}
		g, ok := groups[k]
		if !ok {
			g = &group{theme: WishTheme{Key: k}, askers: map[int64]struct{}{}, owned: map[string]int{},
				wordings: map[string]int{}}
			groups[k] = g
			order = append(order, k)
		}
		g.theme.Wishes = append(g.theme.Wishes, w)
		if w.CustomerID == 0 {
			g.anon++
		} else {
			g.askers[w.CustomerID] = struct{}{}
		}
		if t := strings.Join(strings.Fields(w.Theme), " "); t != "" {
			g.owned[t]++
		} else {
			g.wordings[strings.Join(strings.Fields(w.Answer), " ")]++
		}
	}
	out := make([]WishTheme, 0, len(order))
	for _, k := range order {
		g := groups[k]
		t := g.theme
		sort.SliceStable(t.Wishes, func(i, j int) bool { return newer(t.Wishes[i], t.Wishes[j]) })
		t.Latest = t.Wishes[0].On
		t.Askers = len(g.askers) + g.anon
		if len(g.owned) > 0 {
			t.Owned = true
			t.Label = mostUsed(g.owned, t.Wishes, func(w Wish) string { return w.Theme })
		} else {
			t.Label = mostUsed(g.wordings, t.Wishes, func(w Wish) string { return w.Answer })
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Askers != b.Askers:
			return a.Askers > b.Askers
		case len(a.Wishes) != len(b.Wishes):
			return len(a.Wishes) > len(b.Wishes)
		case !a.Latest.Equal(b.Latest):
			return a.Latest.After(b.Latest)
		}
		return a.Label < b.Label
	})
	return out
}

// ownedWithin is the longest theme key of owned of two words or more that
// k holds as whole words, or k when none does.
func ownedWithin(k string, owned map[string]bool) string {
	best := ""
	for o := range owned {
		if strings.Contains(o, " ") && len(o) > len(best) && strings.Contains(" "+k+" ", " "+o+" ") {
			best = o
		}
	}
	if best == "" {
		return k
	}
	return best
}

// newer orders wishes newest first, the later id first on the same day.
func newer(a, b Wish) bool {
	if !a.On.Equal(b.On) {
		return a.On.After(b.On)
	}
	return a.ID > b.ID
}

// mostUsed returns the spelling used most often; on a tie, the one the
// newest wish used (wishes come newest first).
func mostUsed(uses map[string]int, wishes []Wish, text func(Wish) string) string {
	best, bestN := "", 0
	for _, w := range wishes {
		s := strings.Join(strings.Fields(text(w)), " ")
		if n := uses[s]; n > bestN {
			best, bestN = s, n
		}
	}
	return best
}

// ValidateTheme checks a theme name: one line, at most 100 characters.
func ValidateTheme(s string) error {
	if strings.ContainsAny(s, "\n\r") {
		return Invalid("theme", "must be one line")
	}
	if err := maxLen(s, maxTheme); err != nil {
		return Invalid("theme", "is longer than %d characters", maxTheme)
	}
	return nil
}

// maxTheme is the longest theme name.
const maxTheme = 100

// WishIDs returns the ids of every wish in the themes with the given keys:
// the wishes a theme is assigned to when the owner names or merges themes.
func WishIDs(themes []WishTheme, keys ...string) []int64 {
	var ids []int64
	for _, t := range themes {
		for _, k := range keys {
			if t.Key == k {
				for _, w := range t.Wishes {
					ids = append(ids, w.ID)
				}
				break
			}
		}
	}
	return ids
}
