package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/tirage/tirage/message"
)

// PublicDir is the folder, inside a selection folder, that holds what may
// be published (SPEC.md section 1.1): the record, probabilities.csv,
// receipts.csv, the reports, and the panel, alternates and completed panel
// as ids only. Nothing in it holds a value of a pool column other than the
// id and the quota columns.
const PublicDir = "public"

// IDHeader is the header of the public form of panel.csv and
// completed.csv (one column, the ids); the public alternates.csv has the
// header rank,id.
const IDHeader = "id"

// PublicPanelTable returns the header and rows of the public panel.csv of
// a drawn record: the column id, then the ids of the selected people in
// pool order.
func (r *Record) PublicPanelTable() ([]string, [][]string, error) {
	if r.Draw == nil {
		return nil, nil, message.Errorf(message.RecordNotDrawn)
	}
	return IDTable(r.Draw.Selected)
}

// PublicAlternatesTable returns the header and rows of the public
// alternates.csv of a drawn record: rank,id, then one row per alternate in
// rank order.
func (r *Record) PublicAlternatesTable() ([]string, [][]string, error) {
	if r.Draw == nil {
		return nil, nil, message.Errorf(message.RecordNotDrawn)
	}
	rows := make([][]string, len(r.Draw.Alternates))
	for j, id := range r.Draw.Alternates {
		rows[j] = []string{strconv.Itoa(j + 1), id}
	}
	return []string{"rank", IDHeader}, rows, nil
}

// IDTable returns the header and rows of a public list of people: the
// column id, then one id per row, in the order given.
func IDTable(ids []string) ([]string, [][]string, error) {
	rows := make([][]string, len(ids))
	for j, id := range ids {
		rows[j] = []string{id}
	}
	return []string{IDHeader}, rows, nil
}

// isIDTable reports whether a CSV file's header is that of the public
// form of a list of people: the single column id. A pool file's header
// never is, as it has the quota columns besides.
func isIDTable(header []string) bool {
	return len(header) == 1 && header[0] == IDHeader
}

// Digest returns the lowercase hexadecimal SHA-256 digest of the record's
// canonical layout (MarshalIndent): of audit.json as tirage writes it. The
// reports name it, so that a report can be matched to its record.
func (r *Record) Digest() (string, error) {
	data, err := r.MarshalIndent()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}
