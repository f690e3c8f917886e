package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// headerSize is the length of SQLite's file header.
const headerSize = 100

// checkHeader looks for damage SQLite itself would only find later, or
// never on the pages a screen reads: the fixed fields of the header, and a
// file shorter than the pages it says it holds (a truncated copy). size is
// the file's length; walPending reports a -wal file with content, during
// which the main file may legitimately lag behind its header.
func checkHeader(h []byte, size int64, walPending bool) error {
	if len(h) < headerSize || string(h[:16]) != "SQLite format 3\x00" {
		return errNotSQLite
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	switch {
	case pageSize < 512 || pageSize&(pageSize-1) != 0:
		return fmt.Errorf("its page size %d is impossible", pageSize)
	case h[18] < 1 || h[18] > 2 || h[19] < 1 || h[19] > 2:
		return errors.New("its file format bytes are impossible")
	case h[20] != 0:
		// clientele never reserves bytes at the end of a page (only
		// encryption and checksum extensions do).
		return fmt.Errorf("it reserves %d bytes a page, which clientele never writes", h[20])
	case h[21] != 64 || h[22] != 32 || h[23] != 32:
		return errors.New("its payload fractions are not SQLite's fixed 64, 32, 32")
	case size%pageSize != 0:
		return fmt.Errorf("its length (%d bytes) is not a whole number of %d-byte pages (a cut-off copy?)", size, pageSize)
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	counterValid := binary.BigEndian.Uint32(h[24:28]) == binary.BigEndian.Uint32(h[92:96])
	if counterValid && !walPending && pages*pageSize > size {
		return fmt.Errorf("it holds %d pages of the %d its header counts (a cut-off copy?)", size/pageSize, pages)
	}
	return nil
}

// errNotSQLite is a file that does not start with SQLite's header.
var errNotSQLite = errors.New("not a SQLite database")

// sidecars lists the -wal and -shm files next to path that do not exist
// yet, so that a refused open can remove what SQLite made while looking.
func sidecars(path string) []string {
	var out []string
	for _, s := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + s); errors.Is(err, os.ErrNotExist) {
			out = append(out, path+s)
		}
	}
	return out
}

// walPending reports whether path has a -wal file with content.
func walPending(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}
