package model

import (
	"strings"
)

// TargetKind is how a message reaches the owner's own programs: an email
// or a text opened in the program the system has for it, or the text
// copied to the clipboard for anything else (a call's talking points, a
// social message, a card to post).
type TargetKind string

// The target kinds.
const (
	TargetEmail     TargetKind = "mailto"
	TargetSMS       TargetKind = "sms"
	TargetClipboard TargetKind = "clipboard"
)

// MessageTarget is a message made ready for a channel. clientele never
// sends it: the owner's mail program, phone or clipboard takes it from
// here, and nothing leaves the machine unless the owner acts.
type MessageTarget struct {
	Kind    TargetKind
	Channel Channel // the channel the message goes by (logged with the contact)
	// URL is the mailto: or sms: URL to open; "" for the clipboard.
	URL string
	// Text is what the clipboard takes: the subject and body (with the
	// postal address first for a letter). Set for every kind, so that a
	// system with no opener can copy instead.
	Text string
	// Why says why the message goes to the clipboard when the channel
	// had another way ("no email address"), "" otherwise.
	Why string
}

// TargetFor makes m ready for c by channel ch (the customer's preferred
// channel when ch is empty): an email with an address becomes a mailto:
// URL, a text with a phone number an sms: URL, and anything else
// clipboard text.
func TargetFor(c *Customer, ch Channel, m Message) MessageTarget {
	if ch == "" {
		ch = c.Channel
	}
	t := MessageTarget{Kind: TargetClipboard, Channel: ch, Text: ClipboardText(c, ch, m)}
	switch ch {
	case ChannelEmail:
		if addr := strings.TrimSpace(c.Email); addr != "" && ValidateEmail(addr) == nil {
			t.Kind, t.URL = TargetEmail, MailtoURL(addr, m.Subject, m.Body)
		} else {
			t.Why = "no email address"
		}
	case ChannelText:
		if num := SMSNumber(c.Phone); num != "" {
			t.Kind, t.URL = TargetSMS, SMSURL(num, m.Body)
		} else {
			t.Why = "no phone number"
		}
	}
	return t
}

// ClipboardText is the message as text to paste: the subject (when the
// channel has one) and the body; a letter starts with the name and
// postal address.
func ClipboardText(c *Customer, ch Channel, m Message) string {
	var b strings.Builder
	if ch == ChannelMail {
		b.WriteString(Printable(c.Name))
		for _, l := range c.Address.Lines(c.Country) {
			b.WriteString("\n" + Printable(l))
		}
		b.WriteString("\n\n")
	}
	if m.Subject != "" && (ch == ChannelEmail || ch == "") {
		b.WriteString("Subject: " + m.Subject + "\n\n")
	}
	b.WriteString(m.Body)
	return b.String()
}

// MailtoURL builds a mailto: URL (RFC 6068) for addr with the subject and
// body: every character but the unreserved ones percent-encoded, spaces
// as %20, line breaks as %0D%0A, so that the mail program gets the text
// exactly and no character of it can end the URL or add a header.
func MailtoURL(addr, subject, body string) string {
	var b strings.Builder
	b.WriteString("mailto:")
	pctEncode(&b, addr, "@")
	sep := "?"
	if subject != "" {
		b.WriteString(sep + "subject=")
		pctEncode(&b, subject, "")
		sep = "&"
	}
	if body != "" {
		b.WriteString(sep + "body=")
		pctEncode(&b, crlf(body), "")
	}
	return b.String()
}

// SMSURL builds an sms: URL (RFC 5724) for number with the body.
func SMSURL(number, body string) string {
	var b strings.Builder
	b.WriteString("sms:" + number)
	if body != "" {
		b.WriteString("?body=")
		pctEncode(&b, crlf(body), "")
	}
	return b.String()
}

// SMSNumber is a phone number as an sms: URL takes it: a leading + and
// the digits, the rest (spaces, dashes, brackets, an extension) dropped;
// "" when it has fewer than five digits.
func SMSNumber(phone string) string {
	phone = strings.TrimSpace(phone)
	if i := strings.IndexAny(phone, "xX"); i >= 0 {
		phone = phone[:i]
	}
	var b strings.Builder
	digits := 0
	for i, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digits++
		case r == '+' && i == 0:
			b.WriteRune(r)
		}
	}
	if digits < 5 {
		return ""
	}
	return b.String()
}

// crlf writes every line break as CRLF, as RFC 6068 asks of a body.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// pctEncode writes s with every byte percent-encoded but the unreserved
// characters of RFC 3986 and those in keep.
func pctEncode(b *strings.Builder, s, keep string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 ||
			strings.IndexByte(keep, c) >= 0 && c < 0x80 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// Draft is a message as a person edits it in their editor: a Subject
// line, a blank line, the body.
func Draft(m Message) string {
	return "Subject: " + m.Subject + "\n\n" + m.Body + "\n"
}

// ParseDraft reads a draft back: the first line's "Subject: …" (when
// there is one) and the body after the blank line, trimmed.
func ParseDraft(s string) (subject, body string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	first, rest, _ := strings.Cut(s, "\n")
	if sub, ok := strings.CutPrefix(first, "Subject:"); ok {
		return strings.TrimSpace(sub), strings.TrimSpace(rest)
	}
	return "", strings.TrimSpace(s)
}
