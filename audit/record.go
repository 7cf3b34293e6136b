package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/tirage/tirage/sortition"
)

// Format identifies the version of the audit record's layout.
const Format = "tirage-audit/0"

// Record is the audit record of a selection: everything needed to check
// it, and nothing personal beyond people's ids. Its JSON form (MarshalIndent)
// is deterministic: the same selection gives the same bytes.
type Record struct {
	Format   string   `json:"format"` // always Format
	Tool     Tool     `json:"tool"`
	Inputs   Inputs   `json:"inputs"`
	K        int      `json:"k"` // the panel size
	Settings Settings `json:"settings"`
	Lottery  Lottery  `json:"lottery"`
	// Seed is the seed text of the draw, exactly as used.
	Seed string `json:"seed"`
	Draw Draw   `json:"draw"`
	// Selected are the ids of the drawn panel's members, in pool order.
	Selected []string `json:"selected"`
}

// Tool names the program that made the record.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Inputs identifies the input files.
type Inputs struct {
	Pool   File `json:"pool"`
	Quotas File `json:"quotas"`
}

// File identifies an input file by the path it was given as and the
// SHA-256 digest of its bytes.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"` // lowercase hexadecimal
}

// Settings are the options that shaped the lottery.
type Settings struct {
	// IDColumn is the pool column the ids were read from, as written in
	// the header; "" when people are identified by their data row number
	// (1 = the first row after the header).
	IDColumn string `json:"id_column"`
	// Households lists the pool columns that identify a household (at
	// most one person per household on a panel); empty for none.
	Households []string `json:"households"`
}

// Lottery is the distribution the panel was drawn from.
type Lottery struct {
	Algorithm string `json:"algorithm"`
	// Optimum is the smallest selection probability of anyone who can be
	// on a panel that meets the quotas.
	Optimum float64 `json:"optimum"`
	// UpperBound is a certified upper bound on the Optimum of any lottery.
	UpperBound float64 `json:"upper_bound"`
	// Distribution lists the panels in the order the draw walks them.
	Distribution []Panel `json:"distribution"`
}

// Panel is one panel of the distribution.
type Panel struct {
	Probability float64  `json:"probability"`
	Members     []string `json:"members"` // ids, in pool order
}

// Draw records how the seed picked the panel: u is the first Float64 of
// NewStream(seed), and PanelIndex the 0-based index in the distribution of
// the panel whose cumulative probability interval contains u.
type Draw struct {
	U          float64 `json:"u"`
	PanelIndex int     `json:"panel_index"`
}

// NewLottery returns the record of a lottery computed over pool, with every
// panel's members given by their ids.
func NewLottery(l *sortition.Lottery, pool *sortition.Pool) Lottery {
	out := Lottery{
		Algorithm:    l.Algorithm,
		Optimum:      l.Optimum,
		UpperBound:   l.UpperBound,
		Distribution: make([]Panel, len(l.Panels)),
	}
	for i, p := range l.Panels {
		out.Distribution[i] = Panel{Probability: p.Probability, Members: IDs(pool, p.Members)}
	}
	return out
}

// IDs returns the ids of the people with the given indices into
// pool.People, in the same order.
func IDs(pool *sortition.Pool, people []int) []string {
	ids := make([]string, len(people))
	for j, i := range people {
		ids[j] = pool.People[i].ID
	}
	return ids
}

// HashFile returns the File record of the file at path: the path as given
// and the SHA-256 digest of its content.
func HashFile(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return File{}, err
	}
	return File{Path: path, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// MarshalIndent returns the record as JSON: fields in the order of the
// struct, two-space indentation, numbers in Go's shortest round-tripping
// form, and a final newline. Empty lists are written as [], never null.
// It fails on a probability that is not a finite number.
func (r *Record) MarshalIndent() ([]byte, error) {
	c := *r
	c.Settings.Households = nonNil(c.Settings.Households)
	c.Selected = nonNil(c.Selected)
	c.Lottery.Distribution = append([]Panel{}, c.Lottery.Distribution...)
	for i := range c.Lottery.Distribution {
		c.Lottery.Distribution[i].Members = nonNil(c.Lottery.Distribution[i].Members)
	}
	for _, x := range []float64{c.Lottery.Optimum, c.Lottery.UpperBound, c.Draw.U} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("audit record: %v is not a finite number", x)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("audit record: %w", err)
	}
	return indent(bytes.TrimSpace(b.Bytes())), nil
}

// indent lays out compact JSON with two-space indentation, one object
// member or array element per line, except that an array holding only
// numbers, strings and literals stays on one line (a panel's members), and
// ends it with a newline.
func indent(compact []byte) []byte {
	var out bytes.Buffer
	depth := 0
	newline := func() {
		out.WriteByte('\n')
		for range depth {
			out.WriteString("  ")
		}
	}
	for i := 0; i < len(compact); i++ {
		ch := compact[i]
		switch ch {
		case '"':
			j := endOfString(compact, i)
			out.Write(compact[i:j])
			i = j - 1
		case '{', '[':
			end := -1
			if ch == '[' {
				end = flatArrayEnd(compact, i)
			}
			if end >= 0 {
				for j := i; j < end; j++ {
					switch compact[j] {
					case '"':
						k := endOfString(compact, j)
						out.Write(compact[j:k])
						j = k - 1
					case ',':
						out.WriteString(", ")
					default:
						out.WriteByte(compact[j])
					}
				}
				i = end - 1
				continue
			}
			out.WriteByte(ch)
			if i+1 < len(compact) && (compact[i+1] == '}' || compact[i+1] == ']') {
				out.WriteByte(compact[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			out.WriteByte(ch)
		case ',':
			out.WriteByte(ch)
			newline()
		case ':':
			out.WriteString(": ")
		default:
			out.WriteByte(ch)
		}
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// endOfString returns the index just past the JSON string starting at i.
func endOfString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// flatArrayEnd returns the index just past the array starting at i if it
// holds no object or array, and -1 otherwise.
func flatArrayEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '"':
			j = endOfString(b, j) - 1
		case '{', '[':
			return -1
		case ']':
			return j + 1
		}
	}
	return -1
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
