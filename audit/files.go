package audit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// BOM is the UTF-8 byte-order mark that begins the CSV files tirage writes,
// so that spreadsheet programs (Excel) read them as UTF-8.
const BOM = table.BOM

// EncodeCSV returns a CSV file as tirage writes it (SPEC.md section 8): the
// UTF-8 byte-order mark, then the header and the rows, separated by sep
// (the pool file's separator: ',', ';' or a tab), with line-feed line ends
// (encoding/csv). It is table.EncodeCSV, which every CSV file tirage writes
// goes through.
func EncodeCSV(sep rune, header []string, rows [][]string) ([]byte, error) {
	return table.EncodeCSV(sep, header, rows)
}

// The files of a selection's output directory (SPEC.md, "Files").
const (
	RecordFile        = "audit.json"
	PanelFile         = "panel.csv"
	RemainingFile     = "remaining.csv"
	ProbabilitiesFile = "probabilities.csv"
	ReceiptsFile      = "receipts.csv"
)

// QuotaTable returns the quota table of a quota set, as a record holds it.
func QuotaTable(q *quota.Set) []Category {
	var out []Category
	for _, c := range q.Categories {
		qc := Category{Name: c.Name, Values: []string{}, Min: []int{}, Max: []int{}}
		for _, v := range c.Values {
			qc.Values = append(qc.Values, v.Name)
			qc.Min = append(qc.Min, v.Min)
			qc.Max = append(qc.Max, v.Max)
		}
		out = append(out, qc)
	}
	return out
}

// PeopleTable returns the people of a pool as a record holds them; household
// holds each person's household number, or is nil without households.
func PeopleTable(p *sortition.Pool, household []int) People {
	out := People{Columns: []string{"id"}, Households: []int{}}
	for _, c := range p.Quotas.Categories {
		out.Columns = append(out.Columns, c.Name)
	}
	for _, person := range p.People {
		row := []string{person.ID}
		for c, v := range person.Values {
			row = append(row, p.Quotas.Categories[c].Values[v].Name)
		}
		out.Rows = append(out.Rows, row)
	}
	out.Households = append(out.Households, household...)
	return out
}

// QuotaSet returns the quota set of the record's quota table, or an error
// naming what makes the table invalid: a category or value without a name
// or given twice, bounds that are not 0 ≤ min ≤ max, or lists of unequal
// lengths.
func (r *Record) QuotaSet() (*quota.Set, error) {
	if len(r.Quotas) == 0 {
		return nil, message.Errorf(message.RecordNoCategory)
	}
	q := &quota.Set{}
	for _, c := range r.Quotas {
		if strings.TrimSpace(c.Name) == "" || c.Name != strings.TrimSpace(c.Name) {
			return nil, message.Errorf(message.RecordCategoryName, "category", fmt.Sprintf("%q", c.Name))
		}
		if _, dup := q.Category(c.Name); dup {
			return nil, message.Errorf(message.RecordCategoryTwice, "category", fmt.Sprintf("%q", c.Name))
		}
		if len(c.Values) == 0 || len(c.Min) != len(c.Values) || len(c.Max) != len(c.Values) {
			return nil, message.Errorf(message.RecordCategoryLengths, "category", fmt.Sprintf("%q", c.Name), "values", len(c.Values), "mins", len(c.Min), "maxes", len(c.Max))
		}
		for j, v := range c.Values {
			if strings.TrimSpace(v) == "" || v != strings.TrimSpace(v) {
				return nil, message.Errorf(message.RecordValueName, "category", fmt.Sprintf("%q", c.Name), "value", fmt.Sprintf("%q", v))
			}
			if c.Min[j] < 0 || c.Min[j] > c.Max[j] {
				return nil, message.Errorf(message.RecordBounds, "category", c.Name, "value", fmt.Sprintf("%q", v), "min", c.Min[j], "max", c.Max[j])
			}
			if !q.Add(c.Name, quota.Value{Name: v, Min: c.Min[j], Max: c.Max[j], MaxFlex: quota.NoLimit}) {
				return nil, message.Errorf(message.RecordValueTwice, "category", fmt.Sprintf("%q", c.Name), "value", fmt.Sprintf("%q", v))
			}
		}
	}
	return q, nil
}

// Pool returns the pool that the record's people form over its quota table
// (ids and quota values only), and each person's household number (nil
// without households), or an error naming what makes them invalid.
func (r *Record) Pool() (*sortition.Pool, []int, error) {
	q, err := r.QuotaSet()
	if err != nil {
		return nil, nil, err
	}
	cols := r.People.Columns
	if len(cols) != len(q.Categories)+1 || cols[0] != "id" {
		return nil, nil, message.Errorf(message.RecordPeopleColumns, "columns", fmt.Sprintf("%q", cols))
	}
	for c, cat := range q.Categories {
		if cols[c+1] != cat.Name {
			return nil, nil, message.Errorf(message.RecordPeopleColumn, "column", c+2, "got", fmt.Sprintf("%q", cols[c+1]), "want", fmt.Sprintf("%q", cat.Name))
		}
	}
	if len(r.People.Rows) == 0 {
		return nil, nil, message.Errorf(message.RecordNoPeople)
	}
	p := &sortition.Pool{Header: cols, IDColumn: 0, Quotas: q}
	seen := map[string]int{}
	for i, row := range r.People.Rows {
		if len(row) != len(cols) {
			return nil, nil, message.Errorf(message.RecordPersonEntries, "person", i+1, "entries", len(row), "want", len(cols))
		}
		id := row[0]
		if id == "" || id != strings.TrimSpace(id) {
			return nil, nil, message.Errorf(message.RecordPersonID, "person", i+1, "id", fmt.Sprintf("%q", id))
		}
		if first, dup := seen[id]; dup {
			return nil, nil, message.Errorf(message.RecordIDTwice, "id", fmt.Sprintf("%q", id), "first", first+1, "second", i+1)
		}
		seen[id] = i
		person := sortition.Person{ID: id, Line: i + 1, Fields: row, Values: make([]int, len(q.Categories))}
		for c := range q.Categories {
			cat := &q.Categories[c]
			v, ok := cat.Value(row[c+1])
			if !ok || cat.Values[v].Name != row[c+1] {
				return nil, nil, message.Errorf(message.RecordPersonValue, "id", fmt.Sprintf("%q", id), "category", cat.Name, "value", fmt.Sprintf("%q", row[c+1]))
			}
			person.Values[c] = v
		}
		p.People = append(p.People, person)
	}
	var household []int
	switch {
	case len(r.Settings.Households) == 0 && len(r.People.Households) > 0:
		return nil, nil, message.Errorf(message.RecordHouseholdsNoColumns)
	case len(r.Settings.Households) > 0:
		if len(r.People.Households) != len(p.People) {
			return nil, nil, message.Errorf(message.RecordHouseholdCount, "numbers", len(r.People.Households), "people", len(p.People))
		}
		next := 0 // the number of the next new household, in order of first appearance
		for i, h := range r.People.Households {
			switch {
			case h < 0:
				return nil, nil, message.Errorf(message.RecordHouseholdNegative, "id", fmt.Sprintf("%q", p.People[i].ID), "number", h)
			case r.Replaces != nil: // a replacement keeps the first selection's numbers
			case h > next:
				return nil, nil, message.Errorf(message.RecordHouseholdOrder, "id", fmt.Sprintf("%q", p.People[i].ID), "number", h, "next", next)
			case h == next:
				next++
			}
		}
		household = r.People.Households
	}
	return p, household, nil
}

// personIndex returns each id's position in the record's people.
func (r *Record) personIndex() map[string]int {
	index := make(map[string]int, len(r.People.Rows))
	for i, row := range r.People.Rows {
		if len(row) > 0 {
			index[row[0]] = i
		}
	}
	return index
}

// id returns the id of person i of the record ("" if their row is empty).
func (r *Record) id(i int) string {
	if row := r.People.Rows[i]; len(row) > 0 {
		return row[0]
	}
	return ""
}

// Tickets returns, per person in the record's order, the number of the
// uniform lottery's panels that contain them, and, per person, the numbers
// (from 0) of those panels. It fails on a panel member who is not in the
// record's people.
func (r *Record) Tickets() ([]int, [][]int, error) {
	index := r.personIndex()
	tickets := make([]int, len(r.People.Rows))
	panels := make([][]int, len(r.People.Rows))
	for j, p := range r.Lottery.Panels {
		for _, id := range p.Members {
			i, ok := index[id]
			if !ok {
				return nil, nil, message.Errorf(message.RecordUniformMember, "panel", j, "id", fmt.Sprintf("%q", id))
			}
			tickets[i]++
			panels[i] = append(panels[i], j)
		}
	}
	return tickets, panels, nil
}

// ProbabilitiesTable returns the header and rows of probabilities.csv: per
// person in pool order, the id, the probability of selection tickets/m
// (written as the shortest decimal that reads back as the same float64),
// and the tickets.
func (r *Record) ProbabilitiesTable() ([]string, [][]string, error) {
	tickets, _, err := r.uniformTickets()
	if err != nil {
		return nil, nil, err
	}
	rows := make([][]string, len(tickets))
	for i, t := range tickets {
		rows[i] = []string{r.id(i), ticketProbability(t, r.Lottery.M), strconv.Itoa(t)}
	}
	return []string{"id", "probability", "tickets"}, rows, nil
}

// uniformTickets is Tickets for a record whose uniform lottery has panels.
func (r *Record) uniformTickets() ([]int, [][]int, error) {
	if r.Lottery.M < 1 {
		return nil, nil, message.Errorf(message.RecordUniformM, "m", r.Lottery.M)
	}
	return r.Tickets()
}

// ticketProbability writes t/m as probabilities.csv does.
func ticketProbability(t, m int) string {
	return strconv.FormatFloat(float64(t)/float64(m), 'g', -1, 64)
}

// ReceiptsTable returns the header and rows of receipts.csv: per person in
// pool order, the id, the tickets, the probability tickets/m, the numbers
// (from 0, as the draw's index counts) of the uniform panels that contain
// them, separated by spaces, and the commitment. A person selected by the
// draw is exactly one whose panel numbers include the drawn index.
func (r *Record) ReceiptsTable() ([]string, [][]string, error) {
	tickets, panels, err := r.uniformTickets()
	if err != nil {
		return nil, nil, err
	}
	rows := make([][]string, len(tickets))
	for i, t := range tickets {
		numbers := make([]string, len(panels[i]))
		for j, p := range panels[i] {
			numbers[j] = strconv.Itoa(p)
		}
		rows[i] = []string{r.id(i), strconv.Itoa(t), ticketProbability(t, r.Lottery.M), strings.Join(numbers, " "), r.Commitment}
	}
	return []string{"id", "tickets", "probability", "panels", "commitment"}, rows, nil
}

// SplitPool returns the rows of panel.csv and remaining.csv: the pool's
// rows (every column, as read) of the drawn panel's members and of everyone
// else, each in pool order. The pool must be the one the record was made
// from: the same ids in the same order.
func (r *Record) SplitPool(pool *sortition.Pool) (panel, remaining [][]string, err error) {
	if r.Draw == nil {
		return nil, nil, message.Errorf(message.RecordNotDrawn)
	}
	if len(pool.People) != len(r.People.Rows) {
		return nil, nil, message.Errorf(message.RecordPoolSize, "pool", len(pool.People), "record", len(r.People.Rows))
	}
	selected := map[string]bool{}
	for _, id := range r.Draw.Selected {
		selected[id] = true
	}
	for i, person := range pool.People {
		if len(r.People.Rows[i]) == 0 || person.ID != r.People.Rows[i][0] {
			return nil, nil, message.Errorf(message.RecordPoolPerson, "person", i+1, "id", fmt.Sprintf("%q", person.ID), "row", fmt.Sprintf("%q", r.People.Rows[i]))
		}
		if selected[person.ID] {
			panel = append(panel, person.Fields)
			delete(selected, person.ID)
		} else {
			remaining = append(remaining, person.Fields)
		}
	}
	if len(selected) > 0 {
		return nil, nil, message.Errorf(message.RecordSelectedMissing, "n", len(selected))
	}
	return panel, remaining, nil
}
