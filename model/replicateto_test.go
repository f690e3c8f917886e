package model

import (
	"strings"
	"testing"
)

// The destination a book is copied to is a setting that travels with
// every copy: it round-trips through the stored pairs and never holds a
// password.
func TestReplicateToSetting(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		to, err string
	}{
		{"", ""},
		{"s3://books/shop?endpoint=minio.local:9000", ""},
		{"sftp://owner@nas.local/books/shop", ""},
		{"sftp://owner:hunter2@nas.local/books/shop", "password"},
		{"webdavs://owner:pw@dav.example.org/books", "password"},
		{"ftp://nas.local/books", "not a file://"},
		{"/home/owner/copies", "not a file://"},
	} {
		s := DefaultSettings()
		s.ReplicateTo = c.to
		err := s.Validate()
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("ReplicateTo %q: Validate() = %v, want %q", c.to, err, c.err)
			continue
		}
		if c.err != "" {
			continue
		}
		back, err := SettingsFromPairs(s.Pairs())
		if err != nil || back.ReplicateTo != c.to {
			t.Errorf("ReplicateTo %q read back as %q, %v", c.to, back.ReplicateTo, err)
		}
	}
}
