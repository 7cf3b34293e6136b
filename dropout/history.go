package dropout

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
)

// DefaultAttendedColumn is the column of a history file that says whether
// each panel member attended, when no other is named.
const DefaultAttendedColumn = "attended"

// History is the panel of a past assembly: every member's values of the
// features and whether they attended.
type History struct {
	// Name is the file's name as given; SHA256 the hex digest of its bytes.
	Name, SHA256 string
	// Features are the feature columns' names as given by the caller.
	Features []string
	// Values[i][f] is member i's value of feature f, trimmed.
	Values [][]string
	// Attended[i] reports whether member i attended.
	Attended []bool
}

// attendedWords are the answers read as attended (true) or not (false),
// compared by quota.Key.
var attendedWords = map[string]bool{
	"yes": true, "y": true, "1": true, "true": true, "oui": true, "o": true, "vrai": true, "x": true,
	"no": false, "n": false, "0": false, "false": false, "non": false, "faux": false,
}

// ParseHistory reads a history file: a delimited text file with a header,
// one row per member of a past panel, a column per feature and the
// attended column (DefaultAttendedColumn when attended is ""), whose
// answers are yes/no, 1/0, true/false, oui/non, vrai/faux (any case). Other
// columns are ignored. All the problems found are returned together as a
// *quota.ErrorList.
func ParseHistory(name string, data []byte, features []string, attended string) (*History, error) {
	if attended == "" {
		attended = DefaultAttendedColumn
	}
	t, err := table.Parse(data)
	if err != nil {
		return nil, quota.NotTextError(name, err)
	}
	sum := sha256.Sum256(data)
	h := &History{Name: name, SHA256: hex.EncodeToString(sum[:]), Features: features}
	var errs quota.ErrorList
	columns, _ := table.Columns(t.Header)
	idx := make([]int, len(features))
	for f, c := range append(append([]string(nil), features...), attended) {
		i, ok := columns[table.Key(c)]
		if !ok {
			errs.Add(&quota.InputError{File: name, Line: t.HeaderLine, Kind: quota.MissingColumn,
				Reason: message.New(message.DropoutNoColumn, "column", fmt.Sprintf("%q", strings.TrimSpace(c)), "columns", strings.Join(t.Header, ", "))})
		}
		if f < len(features) {
			idx[f] = i
		} else {
			idx = append(idx, i)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for _, rec := range t.Records {
		field := func(i int) string {
			if i < len(rec.Fields) {
				return strings.TrimSpace(rec.Fields[i])
			}
			return ""
		}
		vals := make([]string, len(features))
		for f := range features {
			vals[f] = field(idx[f])
		}
		answer := field(idx[len(features)])
		yes, ok := attendedWords[table.Key(answer)]
		if !ok {
			errs.Add(&quota.InputError{File: name, Line: rec.Line, Column: t.Header[idx[len(features)]], Value: answer, Kind: quota.UnknownValue,
				Reason: message.New(message.DropoutAttended, "answer", fmt.Sprintf("%q", answer))})
			continue
		}
		h.Values = append(h.Values, vals)
		h.Attended = append(h.Attended, yes)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(h.Values) == 0 {
		return nil, &quota.ErrorList{Errs: []*quota.InputError{{File: name, Kind: quota.EmptyPool, Reason: message.New(message.DropoutNoMembers)}}}
	}
	return h, nil
}
