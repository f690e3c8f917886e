package imports

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"clientele/model"
)

// job is a plan or an import running in the background: the screen that
// started it reads its progress and its result as messages, one command
// at a time, and cancels it when the owner leaves. A screen keeps the job
// it waits for and ignores any other's messages.
type job struct {
	progress chan int
	done     chan doneMsg
	cancel   context.CancelFunc
}

// progressMsg says how many rows a job has read so far.
type progressMsg struct {
	j    *job
	rows int
}

// doneMsg is a job's result.
type doneMsg struct {
	j   *job
	pv  model.ImportPreview
	err error
}

// start runs im's Plan (or Apply) over path in the background and
// returns the job and the command that answers its first message.
func start(im model.Importer, path string, opt model.ImportOptions, apply bool) (*job, tea.Cmd) {
	ctx, cancel := context.WithCancel(context.Background())
	j := &job{progress: make(chan int, 1), done: make(chan doneMsg, 1), cancel: cancel}
	opt.Progress = func(rows int, _ time.Duration) {
		// Only the latest count matters: one the screen has not read yet
		// is replaced (this is the only sender, so the send never waits).
		select {
		case <-j.progress:
		default:
		}
		j.progress <- rows
	}
	run := im.Plan
	if apply {
		run = im.Apply
	}
	return j, func() tea.Msg {
		go func() {
			pv, err := run(ctx, path, opt)
			cancel()
			j.done <- doneMsg{j: j, pv: pv, err: err}
		}()
		return j.next()
	}
}

// next waits for the job's next message: its progress, or its result.
func (j *job) next() tea.Msg {
	select {
	case d := <-j.done:
		return d
	case n := <-j.progress:
		return progressMsg{j: j, rows: n}
	}
}

// stop cancels the job, if there is one: a plan stops at its next rows, an
// import rolls back.
func (j *job) stop() {
	if j != nil {
		j.cancel()
	}
}
