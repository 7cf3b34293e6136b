// Package pricing solves the pricing integer program of column generation for
// sortition: among all panels that meet the quotas, find one maximising the
// total weight of its members.
//
// People who share every quota value (and no household) are interchangeable,
// so the program is posed over types t with integer counts c_t:
//
//	maximise   Σ_t w_t c_t
//	subject to Σ_t c_t = k
//	           lo_v ≤ Σ_{t has value v} c_t ≤ hi_v   for every quota value v
//	           Σ_{t in g} c_t ≤ 1                     for every household group g
//	           0 ≤ c_t ≤ size_t, c_t integer
//
// With elastic columns (Problem.Elastic) the quota rows may be missed, at a
// price: row v reads lo_v ≤ Σ_{t has value v} c_t + d⁻_v − d⁺_v ≤ hi_v with
// integer deviations 0 ≤ d ≤ their max, which do not count towards k;
// weighing them negatively finds the panel that misses the quotas least.
//
// It is solved exactly by depth-first branch and bound on the LP relaxation
// (internal/lp), each child warm-started from its parent's basis with the
// dual simplex. With one category and no households a greedy fill is exact
// and used instead. With two categories and no households the constraint
// matrix is that of a network flow, so the relaxation has integral vertices
// and the search ends at the root.
//
// Tolerances: a relaxation value within IntTol (1e-6) of an integer is taken
// as integral and the rounded counts are checked exactly in integers; a node
// is pruned when its LP bound does not exceed the target by more than
// PruneTol (1e-10, absolute: weights are probabilities of order 1/n).
//
// It owns the integer program and its tolerances; it knows nothing of
// pools, people or objectives (sortition poses the problem over types) and
// never prints or reads global state.
package pricing
