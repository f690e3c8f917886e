// Package customerexport writes everything the book holds about one
// customer (model.CustomerRecord) as JSON: `clientele customers show`,
// their right of access.
package customerexport

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"clientele/model"
	"clientele/store/exportfile"
)

// The JSON. Money is a JSON number written from the minor units as a
// plain decimal (45.00), never through a float; a day or time that is not
// set is absent.
type record struct {
	Customer   customer    `json:"customer"`
	Refs       []ref       `json:"other_refs,omitempty"`
	Orders     []order     `json:"orders"`
	Costs      []cost      `json:"costs"`
	Contacts   []contact   `json:"contacts"`
	Feedback   []feedback  `json:"feedback"`
	Complaints []complaint `json:"complaints"`
	Referred   []named     `json:"referred"`
	History    []change    `json:"history"`
}

type customer struct {
	ID              int64       `json:"id"`
	Ref             string      `json:"ref,omitempty"`
	RefSource       string      `json:"ref_source,omitempty"`
	Name            string      `json:"name"`
	Email           string      `json:"email,omitempty"`
	Phone           string      `json:"phone,omitempty"`
	Social          string      `json:"social,omitempty"`
	Company         string      `json:"company,omitempty"`
	Country         string      `json:"country,omitempty"`
	Channel         string      `json:"channel,omitempty"`
	Stage           string      `json:"stage"`
	Fit             int         `json:"fit,omitempty"`
	Values          []string    `json:"values,omitempty"`
	Segments        []string    `json:"segments,omitempty"`
	Language        string      `json:"language,omitempty"`
	Tier            int         `json:"tier,omitempty"`
	Source          string      `json:"source,omitempty"`
	AcquisitionCost json.Number `json:"acquisition_cost"`
	ReferredBy      int64       `json:"referred_by,omitempty"`
	NextReview      string      `json:"next_review,omitempty"`
	SnoozedUntil    string      `json:"snoozed_until,omitempty"`
	LetGoReason     string      `json:"let_go_reason,omitempty"`
	Notes           string      `json:"notes,omitempty"`
	Orders          int         `json:"orders"`
	Revenue         json.Number `json:"revenue"`
	FirstOrder      string      `json:"first_order,omitempty"`
	LastOrder       string      `json:"last_order,omitempty"`
	Created         string      `json:"created"`
	Updated         string      `json:"updated"`
	Archived        string      `json:"archived,omitempty"`
}

type ref struct {
	Source string `json:"source"`
	Ref    string `json:"ref"`
}

type void struct {
	Voided     string `json:"voided,omitempty"`
	VoidReason string `json:"void_reason,omitempty"`
}

type order struct {
	ID         int64       `json:"id"`
	At         string      `json:"at"`
	Kind       string      `json:"kind"`
	Source     string      `json:"source,omitempty"`
	ExternalID string      `json:"external_id,omitempty"`
	Notes      string      `json:"notes,omitempty"`
	Total      json.Number `json:"total"`
	Lines      []line      `json:"lines"`
	void
}

type line struct {
	Description string      `json:"description"`
	OfferingID  int64       `json:"offering_id,omitempty"`
	Quantity    int64       `json:"quantity"`
	UnitPrice   json.Number `json:"unit_price"`
	Amount      json.Number `json:"amount"`
}

type cost struct {
	ID          int64       `json:"id"`
	On          string      `json:"on"`
	Category    string      `json:"category"`
	Amount      json.Number `json:"amount"`
	Minutes     int         `json:"minutes,omitempty"`
	OrderID     int64       `json:"order_id,omitempty"`
	ComplaintID int64       `json:"complaint_id,omitempty"`
	Note        string      `json:"note,omitempty"`
	void
}

type contact struct {
	ID      int64  `json:"id"`
	At      string `json:"at"`
	Channel string `json:"channel,omitempty"`
	Kind    string `json:"kind"`
	Summary string `json:"summary,omitempty"`
	void
}

type feedback struct {
	ID       int64  `json:"id"`
	On       string `json:"on"`
	Channel  string `json:"channel,omitempty"`
	Kind     string `json:"kind"`
	Question string `json:"question,omitempty"`
	Answer   string `json:"answer,omitempty"`
	Score    *int   `json:"score,omitempty"`
	Theme    string `json:"theme,omitempty"`
	Status   string `json:"status"`
	void
}

type complaint struct {
	ID            int64       `json:"id"`
	Opened        string      `json:"opened"`
	OrderID       int64       `json:"order_id,omitempty"`
	Category      string      `json:"category"`
	Severity      string      `json:"severity"`
	WhatWentWrong string      `json:"what_went_wrong"`
	Remedy        string      `json:"remedy,omitempty"`
	RemedyCost    json.Number `json:"remedy_cost"`
	Guarantee     bool        `json:"guarantee"`
	Prevention    string      `json:"prevention,omitempty"`
	Status        string      `json:"status"`
	Outcome       string      `json:"outcome,omitempty"`
	void
}

type named struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type change struct {
	ID   int64  `json:"id"`
	At   string `json:"at"`
	What string `json:"what"`
}

func money(m model.Money) json.Number { return json.Number(m.Decimal()) }

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return model.FormatDate(t)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return model.FormatDateTime(t)
}

func voidOf(v model.Void) void { return void{Voided: stamp(v.VoidedAt), VoidReason: v.VoidReason} }

// WriteJSON writes rec as indented JSON, with nothing in it that acts on
// a terminal (exportfile.WriteJSON).
func WriteJSON(w io.Writer, rec model.CustomerRecord) error {
	c := rec.Customer
	out := record{Customer: customer{ID: c.ID, Ref: c.Ref, RefSource: c.RefSource, Name: c.Name, Email: c.Email,
		Phone: c.Phone, Social: c.Social, Company: c.Company, Country: c.Country, Channel: string(c.Channel),
		Stage: string(c.Stage), Fit: c.Fit, Values: c.Values, Segments: c.Segments, Language: c.Language, Tier: c.Tier,
		Source: c.Source, AcquisitionCost: money(c.AcquisitionCost), ReferredBy: c.ReferredBy,
		NextReview: day(c.NextReview), SnoozedUntil: day(c.SnoozedUntil), LetGoReason: c.LetGoReason, Notes: c.Notes,
		Orders: c.Orders, Revenue: money(c.Revenue), FirstOrder: stamp(c.FirstOrder), LastOrder: stamp(c.LastOrder),
		Created: stamp(c.CreatedAt), Updated: stamp(c.UpdatedAt), Archived: stamp(c.ArchivedAt)},
		Orders: []order{}, Costs: []cost{}, Contacts: []contact{}, Feedback: []feedback{}, Complaints: []complaint{},
		Referred: []named{}, History: []change{}}
	for _, r := range rec.Refs {
		out.Refs = append(out.Refs, ref{Source: r.Source, Ref: r.Ref})
	}
	for _, o := range rec.Orders {
		jo := order{ID: o.ID, At: stamp(o.OrderedAt), Kind: string(o.Kind), Source: o.Source, ExternalID: o.ExternalID,
			Notes: o.Notes, Total: money(o.Total()), Lines: []line{}, void: voidOf(o.Void)}
		for _, l := range o.Lines {
			jo.Lines = append(jo.Lines, line{Description: l.Description, OfferingID: l.OfferingID, Quantity: l.Quantity,
				UnitPrice: money(l.UnitPrice), Amount: money(l.Amount)})
		}
		out.Orders = append(out.Orders, jo)
	}
	for _, k := range rec.Costs {
		out.Costs = append(out.Costs, cost{ID: k.ID, On: day(k.On), Category: string(k.Category), Amount: money(k.Amount),
			Minutes: k.Minutes, OrderID: k.OrderID, ComplaintID: k.ComplaintID, Note: k.Note, void: voidOf(k.Void)})
	}
	for _, t := range rec.Contacts {
		out.Contacts = append(out.Contacts, contact{ID: t.ID, At: stamp(t.At), Channel: string(t.Channel),
			Kind: string(t.Kind), Summary: t.Summary, void: voidOf(t.Void)})
	}
	for _, f := range rec.Feedback {
		jf := feedback{ID: f.ID, On: day(f.On), Channel: string(f.Channel), Kind: string(f.Kind), Question: f.Question,
			Answer: f.Answer, Theme: f.Theme, Status: string(f.Status), void: voidOf(f.Void)}
		if f.HasScore {
			s := f.Score
			jf.Score = &s
		}
		out.Feedback = append(out.Feedback, jf)
	}
	for _, p := range rec.Complaints {
		out.Complaints = append(out.Complaints, complaint{ID: p.ID, Opened: day(p.OpenedOn), OrderID: p.OrderID,
			Category: string(p.Category), Severity: string(p.Severity), WhatWentWrong: p.WhatWentWrong, Remedy: p.Remedy,
			RemedyCost: money(p.RemedyCost), Guarantee: p.Guarantee, Prevention: p.Prevention, Status: string(p.Status),
			Outcome: p.Outcome, void: voidOf(p.Void)})
	}
	for _, r := range rec.Referred {
		out.Referred = append(out.Referred, named{ID: r.ID, Name: r.Name})
	}
	for _, h := range rec.History {
		out.History = append(out.History, change{ID: h.ID, At: stamp(h.At), What: h.Summary()})
	}
	return exportfile.WriteJSON(w, out, "  ")
}

// WriteText writes rec for a person to read: the customer's fields, then
// every record, one line each, stored text made printable.
func WriteText(w io.Writer, rec model.CustomerRecord) error {
	var b strings.Builder
	c := rec.Customer
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-17s %s\n", label+":", model.Printable(v))
		}
	}
	fmt.Fprintf(&b, "%s (customer %d)\n", model.Printable(c.Name), c.ID)
	line("ref", strings.TrimPrefix(c.RefSource+":"+c.Ref, ":"))
	for _, r := range rec.Refs {
		line("also known as", r.Source+":"+r.Ref)
	}
	for _, f := range []struct{ label, v string }{{"email", c.Email}, {"phone", c.Phone}, {"social", c.Social},
		{"company", c.Company}, {"country", c.Country}, {"channel", string(c.Channel)}, {"stage", string(c.Stage)},
		{"values", strings.Join(c.Values, ", ")}, {"segments", strings.Join(c.Segments, ", ")},
		{"language", c.Language}, {"source", c.Source}, {"next review", day(c.NextReview)},
		{"snoozed until", day(c.SnoozedUntil)}, {"let go because", c.LetGoReason}, {"notes", c.Notes},
		{"added", stamp(c.CreatedAt)}, {"archived", stamp(c.ArchivedAt)}} {
		line(f.label, f.v)
	}
	fmt.Fprintf(&b, "%-17s %s, revenue %s\n", "orders:", model.Plural(c.Orders, "sale", "sales"), c.Revenue)
	voided := func(v model.Void) string {
		if !v.Voided() {
			return ""
		}
		s := " [voided " + stamp(v.VoidedAt)
		if v.VoidReason != "" {
			s += ": " + model.Printable(v.VoidReason)
		}
		return s + "]"
	}
	section := func(title string, n int) {
		if n > 0 {
			fmt.Fprintf(&b, "\n%s (%d)\n", title, n)
		}
	}
	section("Orders", len(rec.Orders))
	for _, o := range rec.Orders {
		fmt.Fprintf(&b, "  #%d %s %s %s, %s%s\n", o.ID, stamp(o.OrderedAt), o.Kind, o.Total(),
			model.Plural(len(o.Lines), "line", "lines"), voided(o.Void))
	}
	section("Costs", len(rec.Costs))
	for _, k := range rec.Costs {
		fmt.Fprintf(&b, "  #%d %s %s %s %s%s\n", k.ID, day(k.On), k.Category, k.Amount, model.Printable(k.Note),
			voided(k.Void))
	}
	section("Contacts", len(rec.Contacts))
	for _, t := range rec.Contacts {
		fmt.Fprintf(&b, "  #%d %s %s %s%s\n", t.ID, stamp(t.At), t.Channel, model.Printable(t.Summary), voided(t.Void))
	}
	section("Feedback", len(rec.Feedback))
	for _, f := range rec.Feedback {
		score := ""
		if f.HasScore {
			score = fmt.Sprintf(" %d", f.Score)
		}
		fmt.Fprintf(&b, "  #%d %s %s%s %s%s\n", f.ID, day(f.On), f.Kind.Label(), score, model.Printable(f.Answer),
			voided(f.Void))
	}
	section("Complaints", len(rec.Complaints))
	for _, p := range rec.Complaints {
		fmt.Fprintf(&b, "  #%d %s %s %s: %s%s\n", p.ID, day(p.OpenedOn), p.Category, p.Status,
			model.Printable(p.WhatWentWrong), voided(p.Void))
	}
	section("Referred", len(rec.Referred))
	for _, r := range rec.Referred {
		fmt.Fprintf(&b, "  %s (customer %d)\n", model.Printable(r.Name), r.ID)
	}
	section("History", len(rec.History))
	for _, h := range rec.History {
		fmt.Fprintf(&b, "  #%d %s %s\n", h.ID, stamp(h.At), model.Printable(h.Summary()))
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ") // an empty last part leaves no trailing space
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}
