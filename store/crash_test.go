package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"clientele/model"
	"clientele/store/testsize"
)

// The helper process: when the test binary runs with CLIENTELE_HELPER set,
// TestHelperProcess does that job instead of testing (the test re-executes
// itself, so the child writes through exactly this package's code).
const (
	helperEnv = "CLIENTELE_HELPER"
	helperDB  = "CLIENTELE_HELPER_DB"
)

// helper starts the test binary as a helper doing job on the file at path.
func helper(t *testing.T, job, path string, extra ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+job, helperDB+"="+path)
	cmd.Env = append(cmd.Env, extra...)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestHelperProcess is not a test: it is the child the crash and
// two-program tests run. It does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	job := os.Getenv(helperEnv)
	if job == "" {
		return
	}
	ctx := context.Background()
	db, err := Open(ctx, os.Getenv(helperDB))
	if err != nil {
		fmt.Printf("error %v\n", err)
		return
	}
	defer db.Close()
	switch job {
	case "edits":
		saveEdits(ctx, db)
	case "bulk":
		bulkLoad(ctx, db)
	case "create":
		// Open made the schema; that is the whole job.
	}
}

// saveEdits saves customer edits the way the TUI does, one store call
// each, and prints "ack" lines only once a call has returned: what the
// screen would show as saved. It runs until it is killed.
//
//	ack new ID N      customer ID was created with the name "write N"
//	ack edit ID N     customer ID's notes were set to "write N"
func saveEdits(ctx context.Context, db *DB) {
	out := bufio.NewWriter(os.Stdout)
	var ids []int64
	fmt.Fprintln(out, "ready")
	out.Flush()
	for n := 1; ; n++ {
		if n%2 == 1 || len(ids) == 0 {
			c := model.Customer{Name: fmt.Sprintf("write %d", n), Stage: model.StageProspect, Notes: "new"}
			if err := db.CreateCustomer(ctx, &c); err != nil {
				fmt.Fprintf(out, "error %v\n", err)
				out.Flush()
				return
			}
			ids = append(ids, c.ID)
			fmt.Fprintf(out, "ack new %d %d\n", c.ID, n)
		} else {
			id := ids[n%len(ids)]
			c, err := db.Customer(ctx, id)
			if err == nil {
				c.Notes = fmt.Sprintf("write %d", n)
				err = db.UpdateCustomer(ctx, &c)
			}
			if err != nil {
				fmt.Fprintf(out, "error %v\n", err)
				out.Flush()
				return
			}
			fmt.Fprintf(out, "ack edit %d %d\n", id, n)
		}
		out.Flush()
	}
}

// ack is one acknowledged write read back from a helper.
type ack struct {
	kind string
	id   int64
	n    int
}

// readAcks collects the helper's acknowledged writes until its stdout
// closes; acked is closed at its first acknowledged write (or when
// stdout closes first).
func readAcks(t *testing.T, r *bufio.Scanner, acked chan<- struct{}) []ack {
	var acks []ack
	onceAcked := sync.Once{}
	for r.Scan() {
		f := strings.Fields(r.Text())
		switch {
		case len(f) == 4 && f[0] == "ack":
			id, _ := strconv.ParseInt(f[2], 10, 64)
			n, _ := strconv.Atoi(f[3])
			acks = append(acks, ack{kind: f[1], id: id, n: n})
			onceAcked.Do(func() { close(acked) })
		case len(f) > 0 && f[0] == "error":
			t.Errorf("helper: %s", r.Text())
		}
	}
	onceAcked.Do(func() { close(acked) })
	return acks
}

// integrity runs PRAGMA integrity_check on the file, as a new program
// opening it after the crash would (recovering the WAL first).
func integrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check after a kill: %q, %v", res, err)
	}
}

// crashKills is how many times the crash tests kill a writer: 60 at full
// size (testsize; the issue asked for at least 50), 12 in a working
// session's run.
var crashKills = testsize.Pick(12, 60)

func TestKilledWhileSavingEditsLosesNoAcknowledgedWrite(t *testing.T) {
	t.Parallel()
	if os.Getenv(helperEnv) != "" {
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "edits.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 8))
	checked, writing := 0, 0
	// What a later run's acks must not undo: the last note acked per id.
	lastNote := map[int64]int{}
	for kill := range crashKills {
		cmd := helper(t, "edits", path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		acked := make(chan struct{})
		acksc := make(chan []ack, 1)
		go func() { acksc <- readAcks(t, bufio.NewScanner(stdout), acked) }()
		// Some kills land while the program opens the file, most while
		// it writes: anywhere in the first 150 ms after its first
		// acknowledged write. Waiting for that write, not for a time,
		// keeps the test meaningful on a loaded machine.
		if kill%10 != 0 {
			<-acked
			writing++
		}
		time.Sleep(time.Duration(rng.IntN(150_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		acks := <-acksc
		cmd.Wait()

		integrity(t, path)
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d: reopening: %v", kill, err)
		}
		for _, a := range acks {
			c, err := db.Customer(ctx, a.id)
			if err != nil {
				t.Fatalf("kill %d: acknowledged %s of customer %d (write %d) is gone: %v", kill, a.kind, a.id, a.n, err)
			}
			switch a.kind {
			case "new":
				if c.Name != fmt.Sprintf("write %d", a.n) {
					t.Fatalf("kill %d: customer %d is %q, want \"write %d\"", kill, a.id, c.Name, a.n)
				}
			case "edit":
				lastNote[a.id] = a.n
			}
			checked++
		}
		for id, n := range lastNote {
			c, _ := db.Customer(ctx, id)
			if got, _ := strconv.Atoi(strings.TrimPrefix(c.Notes, "write ")); got < n {
				t.Fatalf("kill %d: customer %d's notes are %q, but write %d was acknowledged", kill, id, c.Notes, n)
			}
		}
		db.Close()
		// Later runs write new notes; only this run's last one is checked.
		clear(lastNote)
	}
	t.Logf("%d kills survived, %d acknowledged writes checked", crashKills, checked)
	if checked < writing {
		t.Errorf("only %d acknowledged writes checked in %d runs killed while writing", checked, writing)
	}
}

// bulkLoad holds one long Load, the path every import takes, writing
// customers and orders for CLIENTELE_HELPER_SECONDS (default 6, longer
// than the busy timeout). It prints "loading" once its transaction holds
// the write lock, and "done N" with the customers it committed.
func bulkLoad(ctx context.Context, db *DB) {
	secs, err := strconv.ParseFloat(os.Getenv("CLIENTELE_HELPER_SECONDS"), 64)
	if err != nil {
		secs = 6
	}
	n := 0
	err = db.Load(ctx, func(l *Loader) error {
		end := time.Now().Add(time.Duration(secs * float64(time.Second)))
		for time.Now().Before(end) {
			c := model.Customer{Name: fmt.Sprintf("Imported %d", n), Stage: model.StageCustomer, Ref: fmt.Sprint(n), RefSource: "bulk"}
			if err := l.Customer(&c); err != nil {
				return err
			}
			o := model.Order{CustomerID: c.ID, OrderedAt: fixedNow, Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Soap", 3, 450, 120)}}
			if err := l.Order(&o); err != nil {
				return err
			}
			if n++; n == 1 {
				fmt.Println("loading")
			}
			if n%10 == 0 {
				// An import also reads and parses between writes; the
				// pause keeps the end-of-load refresh short, so the
				// lock is held for about the seconds asked, and the
				// helper does not spend those seconds of CPU writing.
				time.Sleep(10 * time.Millisecond)
			}
		}
		return nil
	})
	if err != nil {
		fmt.Printf("error %v\n", err)
		return
	}
	fmt.Printf("done %d\n", n)
}

func TestEditsWaitForAnotherProgramsLongImport(t *testing.T) {
	t.Parallel()
	if os.Getenv(helperEnv) != "" {
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ada := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &ada); err != nil {
		t.Fatal(err)
	}

	cmd := helper(t, "bulk", path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	if l := <-lines; l != "loading" {
		t.Fatalf("helper said %q", l)
	}
	// The import now holds the write lock. Save edits the TUI's way until
	// it commits: each must wait and succeed, none may say "locked".
	var done string
	saves, slowest := 0, time.Duration(0)
	backup := filepath.Join(t.TempDir(), "during.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Errorf("backup during the import: %v", err)
	}
	for done == "" {
		start := time.Now()
		ada.Notes = fmt.Sprintf("edit %d", saves)
		if err := db.UpdateCustomer(ctx, &ada); err != nil {
			t.Fatalf("save %d during the import: %v", saves, err)
		}
		c := model.Customer{Name: fmt.Sprintf("Added during import %d", saves), Stage: model.StageProspect}
		if err := db.CreateCustomer(ctx, &c); err != nil {
			t.Fatalf("add %d during the import: %v", saves, err)
		}
		saves++
		slowest = max(slowest, time.Since(start))
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the import ended without a word")
			}
			done = l
		default:
		}
	}
	cmd.Wait()
	var imported int
	if _, err := fmt.Sscanf(done, "done %d", &imported); err != nil {
		t.Fatalf("import: %s", done)
	}
	t.Logf("import of %d customers held the lock; %d saves waited for it, the slowest %v", imported, saves, slowest)
	if slowest < BusyTimeout {
		t.Errorf("the slowest save took %v: did it ever wait past one busy timeout?", slowest)
	}
	rows, total, err := db.ListCustomers(ctx, model.CustomerQuery{Filter: "imported", Limit: 1})
	if err != nil || total != imported || len(rows) != 1 {
		t.Errorf("imported customers stored: %d of %d, %v", total, imported, err)
	}
	got, _ := db.Customer(ctx, ada.ID)
	if got.Notes != fmt.Sprintf("edit %d", saves-1) {
		t.Errorf("Ada's notes %q after %d saves", got.Notes, saves)
	}
	if rep, err := Check(ctx, backup); err != nil || !rep.OK() {
		t.Errorf("the backup taken during the import: %v\n%s", err, rep)
	}
	integrity(t, path)
}
