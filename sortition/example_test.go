package sortition_test

import (
	"context"
	"fmt"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// Two women and one man; the panel needs one of each. The man is on every
// panel and each woman on half of them: the fairest lottery gives the women
// 50 % each.
func ExampleMaximin() {
	q, err := quota.Parse("quotas.csv", []byte("feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n"))
	if err != nil {
		panic(err)
	}
	pool, err := sortition.ParsePool("pool.csv", []byte("id,name,gender\na,Ana,female\nb,Bea,Female\nc,Cem,male\n"), q, sortition.PoolOptions{})
	if err != nil {
		panic(err)
	}
	problem, err := sortition.NewProblem(pool, 2, nil) // panels of 2, no household rule
	if err != nil {
		panic(err)
	}
	lottery, err := sortition.Maximin(context.Background(), problem, sortition.MaximinOptions{})
	if err != nil {
		panic(err)
	}
	for i, person := range pool.People {
		fmt.Printf("%s %.2f\n", person.ID, lottery.Marginals[i])
	}
	fmt.Printf("minimum %.2f, certified bound %.2f\n", lottery.MinProbability, lottery.UpperBound)
	// Output:
	// a 0.50
	// b 0.50
	// c 1.00
	// minimum 0.50, certified bound 0.50
}

// The registry lists every objective, the default first, with whether its
// lotteries carry an optimality certificate.
func ExampleObjectives() {
	for _, o := range sortition.Objectives() {
		fmt.Printf("%s certified=%v\n", o.Name, o.Certified)
	}
	// Output:
	// leximin certified=true
	// maximin certified=true
	// nash certified=false
	// goldilocks certified=false
	// legacy certified=false
}
