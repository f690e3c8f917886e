// Package replica keeps continuous copies of a book somewhere else and
// restores them, on Litestream (github.com/benbjohnson/litestream), which
// copies every committed change of a SQLite file in WAL mode to a folder,
// an SFTP server, WebDAV or S3-compatible storage, restores it to any point
// it kept, and keeps a read-only follower current.
//
// A Replicator copies an open, migrated book while clientele writes it; a
// Restore writes a new book from the copies and checks it; Follow keeps a
// read-only copy current on a second machine. None of them merges two
// writers: a book has one writing machine at a time.
//
// Litestream adds two tables to the book it copies (_litestream_seq and
// _litestream_lock, see LitestreamTables) and a folder beside it
// (.NAME-litestream) where it stages what it copies.
package replica

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"clientele/model"
	"clientele/store"
)

// LitestreamTables are the tables Litestream creates in a book it copies.
// They hold no business data: checks, counts and schema walks leave them
// out (store.LitestreamTables).
var LitestreamTables = store.LitestreamTables

// Schemes are the kinds of destination clientele copies to.
var Schemes = model.ReplicaSchemes

// destinationHelp is what a destination looks like, for errors.
const destinationHelp = "a destination is file:///folder, sftp://user@host/folder, webdav://host/folder " +
	"(webdavs:// for HTTPS) or s3://bucket/folder"

// Destination is where the copies of a book go, parsed from a URL.
type Destination struct {
	u *url.URL
}

// ParseDestination reads a destination URL: file:///abs/folder,
// sftp://user@host[:port]/folder, webdav[s]://[user@]host[:port]/folder or
// s3://bucket/folder[?endpoint=host:port&region=R]. A password in the URL
// is accepted here (a flag typed for one run) but never stored in a book:
// see CheckStorable.
func ParseDestination(raw string) (Destination, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Destination{}, fmt.Errorf("no destination given: %s", destinationHelp)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return Destination{}, fmt.Errorf("%q is not a URL: %s", redactRaw(raw), destinationHelp)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	d := Destination{u: u}
	switch {
	case !slices.Contains(Schemes, u.Scheme):
		return Destination{}, fmt.Errorf("%s: clientele does not copy to %s:// destinations; %s", d, u.Scheme,
			destinationHelp)
	case u.Scheme == "file" && (u.Host != "" || !filepath.IsAbs(u.Path)):
		return Destination{}, fmt.Errorf("%s: a folder is written file:///absolute/path (three slashes)", d)
	case u.Scheme == "file" && u.RawQuery != "":
		return Destination{}, fmt.Errorf("%s: a folder takes no ?options", d)
	case u.Scheme != "file" && u.Hostname() == "":
		return Destination{}, fmt.Errorf("%s names no host (or bucket); %s", d, destinationHelp)
	case u.Scheme == "sftp" && u.User.Username() == "":
		return Destination{}, fmt.Errorf("%s names no user: write sftp://user@host/folder", d)
	case u.Scheme != "file" && d.folder() == "":
		return Destination{}, fmt.Errorf("%s names no folder: write %s://%s/folder, one folder per book", d,
			u.Scheme, u.Host)
	}
	return d, nil
}

// String is the URL with any password replaced by xxxxx: what is shown and
// logged.
func (d Destination) String() string {
	if d.u == nil {
		return ""
	}
	return d.u.Redacted()
}

// IsZero reports whether d names no destination.
func (d Destination) IsZero() bool { return d.u == nil }

// Scheme is the kind of destination: one of Schemes.
func (d Destination) Scheme() string {
	if d.u == nil {
		return ""
	}
	return d.u.Scheme
}

// folder is the path inside the host or bucket, without slashes around it.
func (d Destination) folder() string {
	return strings.Trim(path.Clean("/"+d.u.Path), "/")
}

// CheckStorable refuses a destination that carries a password: the book's
// settings are copied with the book, so a password kept there would travel
// to the very place it guards. Credentials come from flags, the
// environment or the usual files instead (see Credentials).
func (d Destination) CheckStorable() error {
	if d.u == nil {
		return nil
	}
	if _, ok := d.u.User.Password(); ok {
		return fmt.Errorf("%s carries a password, and the book's settings travel with every copy: "+
			"remove it from the URL and give it in $%s (or use an SSH key)", d, envPassword)
	}
	for _, k := range []string{"sseCustomerKey", "sse-customer-key"} {
		if d.u.Query().Has(k) {
			return fmt.Errorf("%s carries an encryption key, and the book's settings travel with every copy: "+
				"give the destination with the key on the command line only", d)
		}
	}
	return nil
}

// url is the URL Litestream is given, password included.
func (d Destination) url() string { return d.u.String() }

// redactRaw hides what looks like a password in a string that did not
// parse as a URL.
func redactRaw(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return raw
	}
	if user, _, ok := strings.Cut(userinfo, ":"); ok {
		return scheme + "://" + user + ":xxxxx@" + host
	}
	return raw
}

// FollowPath is where `clientele --follow` keeps its copy of the book at d
// when no --db is given: a file in dataDir/followed named after d, so that
// following never touches the machine's own book.
func FollowPath(dataDir string, d Destination) string {
	name := d.u.Hostname() + "-" + d.folder()
	if d.u.Scheme == "file" {
		name = d.folder()
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return filepath.Join(dataDir, "followed", d.u.Scheme+"-"+strings.Trim(b.String(), "-.")+".db")
}
