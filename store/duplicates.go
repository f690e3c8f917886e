package store

import (
	"context"
	"hash/fnv"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"clientele/model"
)

// Likely duplicates (model/duplicates.go decides; this file finds the
// candidates). Every customer keeps email_key, phone_key, name_key and
// name_rev (refreshSearch, migration 0009), each indexed, so that the
// customers like one being saved are a few index lookups, and the whole
// book's pairs one pass over the keys.

var _ model.DuplicateStore = (*DB)(nil)

// dupKeysOf is the keys of c as the store keeps them.
func dupKeysOf(c *model.Customer) model.DuplicateKeys {
	return model.DuplicateKeys{ID: c.ID, Name: c.Name, Email: model.EmailKey(c.Email), Phone: model.PhoneKey(c.Phone),
		NameKey: nameKey(c.Name), Country: c.Country, Archived: c.Archived()}
}

// dupColumns are the keys read for a customer, in DuplicateKeys' order.
const dupColumns = `id, name, email_key, phone_key, name_key, country, archived_at IS NOT NULL`

// DuplicatesOf lists the customers who may be c, which is being saved
// (c.ID 0 for a new one, else it is left out): the same email, the same
// phone however written, the same name (any case, accents or word order)
// with no other country, or a name one letter apart; most certain first.
// Each is found through an index: names one letter apart share their
// first two letters or their last two (name_rev), and the names of those
// ranges are compared from the index before any customer is read.
func (db *DB) DuplicatesOf(ctx context.Context, c model.Customer) ([]model.DuplicateMatch, error) {
	c.Normalize()
	k := dupKeysOf(&c)
	ids := map[int64]bool{}
	collect := func(query string, args ...any) error {
		found, err := queryInts(ctx, db.r, query, args...)
		for _, id := range found {
			ids[id] = true
		}
		return err
	}
	if k.Email != "" {
		if err := collect("SELECT id FROM customers WHERE email_key = ? AND email_key <> ''", k.Email); err != nil {
			return nil, mapErr(err)
		}
	}
	if k.Phone != "" {
		if err := collect("SELECT id FROM customers WHERE phone_key = ? AND phone_key <> ''", k.Phone); err != nil {
			return nil, mapErr(err)
		}
	}
	if k.NameKey != "" {
		if err := collect("SELECT id FROM customers WHERE name_key = ?", k.NameKey); err != nil {
			return nil, mapErr(err)
		}
		if n := utf8.RuneCountInString(k.NameKey); n >= 4 {
			for _, p := range []struct{ col, prefix string }{{"name_key", k.NameKey}, {"name_rev", model.Reverse(k.NameKey)}} {
				lo := string([]rune(p.prefix)[:2])
				rows, err := db.r.QueryContext(ctx, "SELECT id, name_key FROM customers WHERE "+p.col+" >= ? AND "+p.col+
					" < ? AND length(name_key) BETWEEN ? AND ?", lo, lo+"\U0010FFFF", n-1, n+1)
				if err != nil {
					return nil, mapErr(err)
				}
				for rows.Next() {
					var id int64
					var name string
					if err := rows.Scan(&id, &name); err != nil {
						rows.Close()
						return nil, mapErr(err)
					}
					if model.OneEditApart(k.NameKey, name) {
						ids[id] = true
					}
				}
				rows.Close()
				if err := rows.Err(); err != nil {
					return nil, mapErr(err)
				}
			}
		}
	}
	delete(ids, c.ID)
	if len(ids) == 0 {
		return nil, nil
	}
	list := make([]any, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	rows, err := db.r.QueryContext(ctx, "SELECT "+dupColumns+" FROM customers WHERE id IN ("+placeholders(len(list))+")",
		list...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []model.DuplicateMatch
	for rows.Next() {
		var o model.DuplicateKeys
		if err := rows.Scan(&o.ID, &o.Name, &o.Email, &o.Phone, &o.NameKey, &o.Country, &o.Archived); err != nil {
			return nil, mapErr(err)
		}
		if r := model.DuplicateReasons(k, o); len(r) > 0 {
			out = append(out, model.DuplicateMatch{Customer: o, Reasons: r})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	slices.SortFunc(out, func(a, b model.DuplicateMatch) int {
		return model.CompareDuplicates(model.DuplicatePair{A: a.Customer, Reasons: a.Reasons},
			model.DuplicatePair{A: b.Customer, Reasons: b.Reasons})
	})
	return out, nil
}

// maxGroup is the most customers sharing a key (or two names one letter
// apart) whose pairs are all listed; in a bigger group (a shop's own email
// on every imported customer, a common name) each member is paired with
// the group's oldest only, enough to merge them all.
const maxGroup = 8

// Duplicates lists the likely pairs of the whole book, most certain
// first, at most limit (all when limit ≤ 0), and how many there are. It
// reads every customer's keys once and pairs them in memory: customers
// sharing a key are grouped by it, and names one letter apart share one
// of the names with a letter left out (each distinct name's variants are
// hashed, sorted and scanned), so the work grows with the book, not its
// square.
func (db *DB) Duplicates(ctx context.Context, limit int) ([]model.DuplicatePair, int, error) {
	var keys []model.DuplicateKeys
	err := db.eachRow(ctx, "SELECT "+dupColumns+" FROM customers ORDER BY id", nil, func(r row) error {
		keys = append(keys, model.DuplicateKeys{ID: r.int(0), Name: r.text(1), Email: r.text(2), Phone: r.text(3),
			NameKey: r.text(4), Country: r.text(5), Archived: r.int(6) != 0})
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	countries := map[string]string{}
	for i := range keys {
		k := &keys[i]
		ck, ok := countries[k.Country]
		if !ok {
			ck = strings.ToLower(strings.TrimSpace(k.Country))
			countries[k.Country] = ck
		}
		k.CountryKey = ck
	}
	// Candidates as (a << 32 | b), indexes into keys, a < b; keys are in
	// id order, so a group's first member is its oldest.
	var cands []uint64
	add := func(i, j int32) {
		if i > j {
			i, j = j, i
		}
		if i != j {
			cands = append(cands, uint64(i)<<32|uint64(j))
		}
	}
	cross := func(g, h []int32) {
		if len(g)*len(h) <= maxGroup*maxGroup/4 {
			for _, x := range g {
				for _, y := range h {
					add(x, y)
				}
			}
			return
		}
		for _, y := range h {
			add(g[0], y)
		}
		for _, x := range g[1:] {
			add(x, h[0])
		}
	}
	byName := map[string][]int32{}
	for i := range keys {
		if k := keys[i].NameKey; k != "" {
			byName[k] = append(byName[k], int32(i))
		}
	}
	for _, key := range []func(k *model.DuplicateKeys) string{
		func(k *model.DuplicateKeys) string { return k.Email },
		func(k *model.DuplicateKeys) string { return k.Phone },
	} {
		groups := map[string][]int32{}
		for i := range keys {
			if s := key(&keys[i]); s != "" {
				groups[s] = append(groups[s], int32(i))
			}
		}
		for _, g := range groups {
			within(g, add)
		}
	}
	for _, g := range byName {
		within(g, add)
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, p := range typoCandidates(names) {
		cross(byName[names[p[0]]], byName[names[p[1]]])
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	// Judged as masks, sorted as CompareDuplicates sorts pairs (the most
	// certain reason, then the most reasons, then the ids, which follow
	// the indexes), and only the page made into pairs.
	type judged struct {
		c    uint64
		best int8
		n    int8
	}
	js := make([]judged, 0, len(cands))
	for _, c := range cands {
		m := model.DuplicateMask(keys[c>>32], keys[c&(1<<32-1)])
		if m == 0 {
			continue
		}
		js = append(js, judged{c: c, best: int8(bits.TrailingZeros8(uint8(m))), n: int8(bits.OnesCount8(uint8(m)))})
	}
	slices.SortFunc(js, func(a, b judged) int {
		switch {
		case a.best != b.best:
			return int(a.best) - int(b.best)
		case a.n != b.n:
			return int(b.n) - int(a.n)
		case a.c < b.c:
			return -1
		case a.c > b.c:
			return 1
		}
		return 0
	})
	total := len(js)
	if limit > 0 && len(js) > limit {
		js = js[:limit]
	}
	out := make([]model.DuplicatePair, len(js))
	for i, j := range js {
		out[i], _ = model.NewDuplicatePair(keys[j.c>>32], keys[j.c&(1<<32-1)])
	}
	return out, total, nil
}

// within pairs the members of a group sharing a key: every pair, or each
// with the oldest in a group bigger than maxGroup.
func within(g []int32, add func(i, j int32)) {
	for x := 1; x < len(g); x++ {
		if len(g) > maxGroup {
			add(g[0], g[x])
			continue
		}
		for y := 0; y < x; y++ {
			add(g[y], g[x])
		}
	}
}

// typoCandidates pairs the name keys (distinct) that may be one letter
// apart: two keys one change, addition, removal or swap apart share the
// key with one letter left out (a swap of neighbours: each with one of
// the two left out), so every key and each of its one-letter-shorter
// variants is hashed, the hashes sorted, and keys sharing one are
// candidates. Keys shorter than four letters or with digits in them are
// left out (model.DuplicateReasons never pairs them); a run of more than
// 64 keys sharing a variant is passed over.
func typoCandidates(names []string) [][2]int32 {
	type entry struct {
		h uint64
		i int32
	}
	var es []entry
	h := fnv.New64a()
	hash := func(parts ...string) uint64 {
		h.Reset()
		for _, p := range parts {
			h.Write([]byte(p))
		}
		return h.Sum64()
	}
	for i, k := range names {
		if utf8.RuneCountInString(k) < 4 || strings.ContainsAny(k, "0123456789") {
			continue
		}
		es = append(es, entry{hash(k), int32(i)})
		for j, r := range k {
			es = append(es, entry{hash(k[:j], k[j+utf8.RuneLen(r):]), int32(i)})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if a.h != b.h {
			if a.h < b.h {
				return -1
			}
			return 1
		}
		return int(a.i - b.i)
	})
	var out [][2]int32
	for s := 0; s < len(es); {
		e := s + 1
		for e < len(es) && es[e].h == es[s].h {
			e++
		}
		if e-s <= 64 {
			for x := s; x < e; x++ {
				for y := x + 1; y < e; y++ {
					if es[x].i != es[y].i {
						out = append(out, [2]int32{es[x].i, es[y].i})
					}
				}
			}
		}
		s = e
	}
	return out
}
