package dropout

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCheckClaimRejectsEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	p := tinyProblem(t, r, 80, 25, 3, 5, 200)
	ctx := context.Background()
	ch, err := Choose(ctx, p, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	claim := Claim{Alternates: ch.Alternates, TotalLoss: ch.TotalLoss, LowerBound: ch.LowerBound}
	check := func(c Claim, sample *Sample) error {
		return CheckClaim(ctx, p.Bounds, p.Pool, p.Panel, sample, c, 2)
	}
	if err := check(claim, p.Sample); err != nil {
		t.Fatalf("the true claim is rejected: %v", err)
	}
	var ce *ClaimError
	for _, edit := range []func(c *Claim){
		func(c *Claim) { c.TotalLoss-- },
		func(c *Claim) { c.LowerBound++ },
	} {
		c := claim
		edit(&c)
		if err := check(c, p.Sample); !errors.As(err, &ce) {
			t.Errorf("an edited number passed: %v", err)
		}
	}
	// Another alternate in place of the first: some outsider changes the
	// total, and then the claim fails.
	edited := false
	for i := range p.Pool.People {
		if slices.Contains(p.Panel, i) || slices.Contains(claim.Alternates, i) {
			continue
		}
		c := claim
		c.Alternates = append([]int{i}, claim.Alternates[1:]...)
		f, err := Evaluate(ctx, p.Bounds, p.Pool, p.Panel, c.Alternates, p.Sample, 1)
		if err != nil {
			t.Fatal(err)
		}
		if f.TotalLoss != claim.TotalLoss {
			if err := check(c, p.Sample); !errors.As(err, &ce) {
				t.Fatalf("an edited set passed: %v", err)
			}
			edited = true
			break
		}
	}
	if !edited {
		t.Fatal("no outsider changes the total: the test proves nothing")
	}
	for _, bad := range [][]int{append([]int{p.Panel[0]}, claim.Alternates[1:]...), append([]int{claim.Alternates[1]}, claim.Alternates[1:]...)} {
		c := claim
		c.Alternates = bad
		if err := check(c, p.Sample); err == nil {
			t.Errorf("alternates %v (panel %v) passed", bad, p.Panel)
		}
	}
	// Other rates give other scenarios: the claim no longer holds.
	rates := make([]float64, len(p.Pool.People))
	for i := range rates {
		rates[i] = 0.5
	}
	other, err := NewSample(ctx, "tiny", p.Sample.Len(), rates, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := check(claim, other); !errors.As(err, &ce) {
		t.Errorf("the claim passed with other rates: %v", err)
	}
}
