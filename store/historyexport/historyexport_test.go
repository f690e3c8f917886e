package historyexport

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"clientele/model"
)

func TestWriteTextAndJSON(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	cs := []model.Change{
		{ID: 3, At: at, Kind: model.ChangeUndo, Action: model.ActionUndo, What: "Undid: Added customer \x1b]0;x\x07Ada",
			Reverses: 2, Records: 1},
		{ID: 2, At: at, Kind: model.ChangeEdit, Action: model.ActionCustomerAdd, What: "Added customer \x1b]0;x\x07Ada",
			ReversedBy: 3, Records: 1},
	}
	var b bytes.Buffer
	if err := Write(&b, cs, Text); err != nil {
		t.Fatal(err)
	}
	want := "#3      2026-11-23 09:30  Undid: Added customer ␛]0;x␇Ada\n" +
		"#2      2026-11-23 09:30  Added customer ␛]0;x␇Ada (undone)\n"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := Write(&b, cs, JSON); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) || strings.ContainsRune(b.String(), 0x07) {
		t.Errorf("JSON holds raw control characters: %q", b.String())
	}
	var back []change
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != 2 || back[1].What != cs[1].What ||
		back[0].Reverses != 2 || back[1].ReversedBy != 3 {
		t.Errorf("JSON read back: %+v, %v", back, err)
	}
	if err := Write(&b, cs, "xml"); err == nil {
		t.Error("wrote xml")
	}
}
