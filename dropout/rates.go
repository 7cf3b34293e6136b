package dropout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// RatesFromColumn reads every person's dropout rate from the pool's column
// (matched like quota categories): a probability from 0 to 1, written with
// a decimal point or comma ("0.15", "0,15"), or a percentage ("15%",
// "15 %"). All the problems are returned together as a *quota.ErrorList;
// name is the pool file's name for the messages.
func RatesFromColumn(name string, pool *sortition.Pool, column string) ([]float64, error) {
	columns, _ := table.Columns(pool.Header)
	c, ok := columns[table.Key(column)]
	if !ok {
		return nil, &quota.ErrorList{Errs: []*quota.InputError{{File: name, Line: 1, Kind: quota.MissingColumn,
			Reason: message.New(message.DropoutNoRateColumn, "column", fmt.Sprintf("%q", strings.TrimSpace(column)), "columns", strings.Join(pool.Header, ", "))}}}
	}
	var errs quota.ErrorList
	rates := make([]float64, len(pool.People))
	for i, p := range pool.People {
		q, ok := parseRate(p.Fields[c])
		if !ok {
			errs.Add(&quota.InputError{File: name, Line: p.Line, Column: pool.Header[c], Value: p.Fields[c], Kind: quota.BadShare,
				Reason: message.New(message.DropoutBadRate, "rate", fmt.Sprintf("%q", strings.TrimSpace(p.Fields[c])))})
		}
		rates[i] = q
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return rates, nil
}

// parseRate reads one dropout rate.
func parseRate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	scale := 1.0
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(t), 100
	}
	q, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || q != q {
		return 0, false
	}
	q /= scale
	return q, q >= 0 && q <= 1
}
