package importer

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkImportYear imports a year-sized Online Retail file (the shared
// month repeated by bench/make-year.sh, 552,253 lines) into a new
// database, with the file's rows as written and shuffled. For profiles:
//
//	go test ./store/importer -run '^$' -bench ImportYear -benchtime 1x -cpuprofile /tmp/import.prof
//
// bench/import.sh compares the built command with the sqlite3 shell.
func BenchmarkImportYear(b *testing.B) {
	if _, err := os.Stat(sharedMonth); err != nil {
		b.Skipf("the shared Online Retail month is not beside the repository: %v", err)
	}
	dir := b.TempDir()
	year := filepath.Join(dir, "year.csv")
	if out, err := exec.Command("../../bench/make-year.sh", year).CombinedOutput(); err != nil {
		b.Fatalf("make-year.sh: %v\n%s", err, out)
	}
	shuffled := filepath.Join(dir, "shuffled.csv")
	script := `{ head -n 1 "$1"; tail -n +2 "$1" | shuf --random-source=<(yes); } > "$2"`
	if out, err := exec.Command("bash", "-c", script, "shuffle", year, shuffled).CombinedOutput(); err != nil {
		b.Fatalf("shuffling: %v\n%s", err, out)
	}
	for _, c := range []struct{ name, file string }{{"sorted", year}, {"shuffled", shuffled}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				db, _ := openDB(b)
				b.StartTimer()
				if _, err := ImportFile(context.Background(), db, c.file, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
