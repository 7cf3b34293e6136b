package dropout

import (
	"errors"
	"testing"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

func TestRatesFromColumn(t *testing.T) {
	q := &quota.Set{}
	q.Add("area", quota.Value{Name: "urban", Max: 5})
	read := func(data string) ([]float64, error) {
		pool := testpool.Over(t, q, data, sortition.PoolOptions{})
		return RatesFromColumn("pool.csv", pool, "Dropout")
	}
	rates, err := read("id;area;dropout\na;urban;0,25\nb;urban;15 %\nc;urban; 1 \nd;urban;0\n")
	if err != nil {
		t.Fatal(err)
	}
	if rates[0] != 0.25 || rates[1] != 0.15 || rates[2] != 1 || rates[3] != 0 {
		t.Fatalf("rates %v", rates)
	}
	_, err = read("id,area,dropout\na,urban,0.2\nb,urban,1.5\nc,urban,\nd,urban,NaN\n")
	var list *quota.ErrorList
	if !errors.As(err, &list) || len(list.Errs) != 3 || list.Errs[0].Line != 3 || list.Errs[0].Value != "1.5" {
		t.Fatalf("bad rates: %v", err)
	}
	if _, err := read("id,area\na,urban\n"); err == nil {
		t.Fatal("a missing column was accepted")
	}
}
