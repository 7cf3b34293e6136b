package quota

import (
	"errors"
	"io"
	"strconv"

	"github.com/tirage/tirage/internal/table"
)

// WriteCSV writes the quota set as a quota file in its dialect (the
// current format, feature,value,min,max, when the Set has none), as tirage
// writes every CSV file (table.EncodeCSV): UTF-8 with a byte-order mark,
// fields separated by sep (give the pool's), one row per value in order. Values given by share are
// written with the bounds ForPanel derived. In the current format the
// min_flex and max_flex columns are written when some value has a flex
// limit, blank for a value without. Parse reads the file back into the same
// categories, values and bounds.
func (s *Set) WriteCSV(w io.Writer, sep rune) error {
	if s.HasShares() && s.PanelSize() == 0 {
		return errors.New("the quotas give shares: derive their bounds for the panel size (ForPanel) before writing them")
	}
	d := s.Dialect
	if d == 0 {
		d = FeatureValue
	}
	var header []string
	switch d {
	case CategoryName:
		header = []string{"category", "name", "min", "max"}
	case CategoryFeature:
		header = []string{"category", "feature", "min", "max"}
	case French:
		header = []string{"catégorie", "valeur", "min", "max"}
	case Spanish:
		header = []string{"categoría", "valor", "mín", "máx"}
	default:
		header = []string{"feature", "value", "min", "max"}
	}
	flex := false
	if d == FeatureValue || d == French || d == Spanish {
		for _, c := range s.Categories {
			for _, v := range c.Values {
				flex = flex || v.MinFlex > 0 || v.MaxFlex != NoLimit
			}
		}
	}
	if flex {
		header = append(header, "min_flex", "max_flex")
	}
	var rows [][]string
	for _, c := range s.Categories {
		for _, v := range c.Values {
			row := []string{c.Name, v.Name, strconv.Itoa(v.Min), strconv.Itoa(v.Max)}
			if flex {
				minFlex, maxFlex := "", ""
				if v.MinFlex > 0 {
					minFlex = strconv.Itoa(v.MinFlex)
				}
				if v.MaxFlex != NoLimit {
					maxFlex = strconv.Itoa(v.MaxFlex)
				}
				row = append(row, minFlex, maxFlex)
			}
			rows = append(rows, row)
		}
	}
	data, err := table.EncodeCSV(sep, header, rows)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
