package kit

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"clientele/model"
)

// CustomerPick resolves what a person typed in a form's "customer" field:
// blank for nobody, a name (any case), or #id. In a small book every name
// is loaded, for completions and to resolve names as they are typed; in a
// large one a typed name is looked up in the store when the form saves.
type CustomerPick struct {
	ID       int64              // the customer the form opened with; 0 for none
	Text     string             // the field's text as it opened: the name, made printable
	Customer model.Customer     // the customer the form opened with
	List     []string           // completions
	names    map[string][]int64 // folded name → ids; nil in a large book
}

// LoadCustomerPick reads what a customer field needs, for the customer id
// (0 for none). It runs in a command.
func LoadCustomerPick(ctx context.Context, store model.CustomerStore, id int64) (CustomerPick, error) {
	p := CustomerPick{ID: id}
	n, err := store.CustomerCount(ctx)
	if err != nil {
		return p, err
	}
	if n <= MaxCompletions {
		names, err := store.CustomerNames(ctx)
		if err != nil {
			return p, err
		}
		p.names = map[string][]int64{}
		for _, c := range names {
			// Names reach the terminal as completions: made printable,
			// and found by that spelling too.
			k, shown := Fold(c.Name), Clean(c.Name)
			p.names[k] = append(p.names[k], c.ID)
			if ks := Fold(shown); ks != k {
				p.names[ks] = append(p.names[ks], c.ID)
			}
			p.List = append(p.List, shown)
		}
	}
	if id != 0 {
		if p.Customer, err = store.Customer(ctx, id); err != nil {
			return p, err
		}
		p.Text = Clean(p.Customer.Name)
	}
	return p, nil
}

// Resolve returns the customer s names: 0 for blank. lookup is set, with
// no id, when s is a name only the store can resolve (a large book).
func (p CustomerPick) Resolve(s string) (id int64, lookup string, err error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, "", nil
	case p.ID != 0 && s == strings.TrimSpace(p.Text):
		return p.ID, "", nil
	case strings.HasPrefix(s, "#"):
		id, err := strconv.ParseInt(s[1:], 10, 64)
		if err != nil || id <= 0 {
			return 0, "", fmt.Errorf("%q is not a customer number", s)
		}
		return id, "", nil // the store says if it does not exist
	case p.names == nil:
		return 0, s, nil
	}
	return pickOne(p.names[Fold(s)], s)
}

// pickOne is the one id a name matched, or an error saying why not.
func pickOne(ids []int64, name string) (int64, string, error) {
	switch len(ids) {
	case 0:
		return 0, "", fmt.Errorf("no customer is called %q (leave it blank for anonymous)", name)
	case 1:
		return ids[0], "", nil
	}
	return 0, "", fmt.Errorf("%d customers are called %q: type #id instead", len(ids), name)
}

// lookupCustomer finds the customer called name in the store, archived
// ones included. It runs in a command.
func lookupCustomer(ctx context.Context, store model.CustomerStore, name string) (int64, error) {
	rows, _, err := store.ListCustomers(ctx, model.CustomerQuery{Filter: name, Archived: true, Limit: 50})
	if err != nil {
		return 0, err
	}
	var ids []int64
	for _, r := range rows {
		if Fold(r.Name) == Fold(name) {
			ids = append(ids, r.ID)
		}
	}
	id, _, err := pickOne(ids, name)
	if err != nil {
		return 0, model.Invalid("customer", "%v", err)
	}
	return id, nil
}

// LookupInto sets *id to the customer called name when name is set (the
// lookup a customerPick asked for); it runs in a save command.
func LookupInto(ctx context.Context, store model.CustomerStore, name string, id *int64) error {
	if name == "" {
		return nil
	}
	found, err := lookupCustomer(ctx, store, name)
	if err == nil {
		*id = found
	}
	return err
}

// StoredName is the name of customer id as stored, for a message after a
// save ("from Ben Okafor", however the field was typed); "" for none or
// when it cannot be read. It runs in a save command.
func StoredName(ctx context.Context, store model.CustomerStore, id int64) string {
	if id == 0 {
		return ""
	}
	c, err := store.Customer(ctx, id)
	if err != nil {
		return ""
	}
	return c.Name
}
