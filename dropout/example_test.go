package dropout_test

import (
	"context"
	"fmt"

	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// Choose two alternates for a panel of four, where young people drop out
// more often, and compare them with no alternates on a fresh sample.
func ExampleChoose() {
	q := &quota.Set{}
	q.Add("age", quota.Value{Name: "young", Min: 2, Max: 2})
	q.Add("age", quota.Value{Name: "old", Min: 2, Max: 2})
	pool := &sortition.Pool{Quotas: q}
	ages := []int{0, 0, 1, 1, 0, 0, 1, 1, 0, 1} // 0 young, 1 old
	rates := make([]float64, len(ages))
	for i, a := range ages {
		pool.People = append(pool.People, sortition.Person{ID: fmt.Sprint("p", i+1), Values: []int{a}})
		rates[i] = []float64{0.3, 0.05}[a]
	}
	bounds := dropout.NewBounds(q, 4)
	panel := []int{0, 1, 2, 3}
	ctx := context.Background()
	sample, _ := dropout.NewSample(ctx, "example/choose", 1000, rates, 1)
	choice, _ := dropout.Choose(ctx, &dropout.Problem{Bounds: bounds, Pool: pool, Panel: panel, N: 2, Sample: sample}, dropout.Options{})
	for _, i := range choice.Alternates {
		fmt.Println("alternate", pool.People[i].ID, q.Categories[0].Values[ages[i]].Name)
	}
	fmt.Printf("average loss %.3f, proven optimal: %v\n", choice.AverageLoss(), choice.Optimal)

	fresh, _ := dropout.NewSample(ctx, "example/evaluate", 1000, rates, 1)
	for _, set := range [][]int{nil, choice.Alternates} {
		f, _ := dropout.Evaluate(ctx, bounds, pool, panel, set, fresh, 1)
		fmt.Printf("%d alternates: expected loss %.3f, quotas met %.1f %%\n", len(set), f.ExpectedLoss(), 100*f.MeetRate())
	}
	// Output:
	// alternate p6 young
	// alternate p9 young
	// average loss 0.390, proven optimal: false
	// 0 alternates: expected loss 1.440, quotas met 41.7 %
	// 2 alternates: expected loss 0.388, quotas met 82.2 %
}
