// Package lp is a pure-Go bounded-variable revised simplex solver (primal
// and dual) with duals, warm starts and row/column addition, written for the
// linear programs of fair sortition: the pricing relaxation solved many times
// by branch and bound, and the column-generation master LP that grows by one
// row at a time.
//
// # Problem form
//
//	minimise  c·x  subject to  rowLo ≤ A x ≤ rowUp,  colLo ≤ x ≤ colUp
//
// Any bound may be ±Inf; equality rows have rowLo == rowUp; free columns are
// allowed. Internally every row i gets a slack s_i = (A x)_i bounded by
// [rowLo_i, rowUp_i], so the constraint matrix is [A  −I] with m rows and
// n + m bounded variables.
//
// # Algorithm
//
// The basis matrix B (m×m) is factorised with its slack structure exploited:
// rows whose slack is basic are eliminated directly, and only the kernel
// (basic structural columns × rows with nonbasic slack) is factorised by a
// sparse LU (Markowitz pivot choice among the sparsest columns, threshold
// partial pivoting). Basis changes are added as product-form eta
// matrices; rows added after the factorisation are folded in as "append"
// operations (the new slack is basic), so adding a row costs no
// refactorisation. Every RefactorInterval updates the basis is refactorised
// and x, y and d are recomputed from the original data. A singular basis
// (for example from SetBasis) is repaired by replacing dependent columns by
// slacks.
//
// Solve starts from the current basis. If it is primal feasible, the primal
// simplex (Devex pricing, Harris two-pass ratio test with bound flips of the
// entering variable) runs. Otherwise the basis is made dual feasible by
// flipping boxed nonbasic variables to the bound that matches the sign of
// their reduced cost and by shifting the costs of the others, and the dual
// simplex runs (dual steepest-edge pricing, bound-flipping Harris ratio
// test); then the shifts are removed and the primal simplex finishes. The
// typical warm starts are therefore: costs changed → primal simplex; bounds
// tightened (branch and bound) or rows added (column generation) → dual
// simplex.
//
// Against stalling and cycling the structural costs are perturbed by a
// small deterministic amount (relative 5e-7, absolute 1e-8 × max|c|, with a
// fixed-seed hash, never a global random source) in the direction that keeps
// the basis dual feasible. The perturbation is lazy: it is applied (at most
// once per Solve) only after a run of degenerate pivots, so that the typical
// warm start pays neither for it nor for its removal. It is removed at the
// end and a primal "cleanup" restores optimality for the original costs
// (falling back to Bland's rule only if that cleanup stalls). The final x, y and d are
// recomputed from the original data with one step of iterative refinement.
// Everything is deterministic: no maps, no goroutines, and inner loops use
// explicit float64 conversions so that no fused multiply-add changes results
// across platforms.
//
// # Tolerances
//
// Options.PrimalTol (default 1e-9) is the absolute tolerance on bound and row
// violations, Options.DualTol (default 1e-9) the absolute tolerance on
// reduced-cost sign violations and Options.PivotTol (default 1e-9) the
// smallest pivot accepted by the ratio tests. The Harris pass of the dual
// ratio test relaxes reduced costs by max(DualTol, 1e-7·max|c|) for better
// pivots; the small dual infeasibilities this creates are removed by cost
// shifting (undone before the primal phase). A bound-flipping step that would
// leave the row within PrimalTol of feasibility pivots instead of declaring
// infeasibility. Optimal means that the final,
// freshly recomputed solution satisfies both tolerances. [Model.Check]
// recomputes an independent certificate from the original data.
//
// # Sign conventions
//
// Duals y and reduced costs d satisfy d = c − Aᵀy. For a minimisation, at an
// optimum y_i ≥ 0 when row i is at its lower bound, y_i ≤ 0 when it is at
// its upper bound (y_i = ∂ objective / ∂ active bound), and d_j ≥ 0 for a
// column at its lower bound, d_j ≤ 0 at its upper bound, d_j = 0 if basic.
// The dual objective is Σ y_i·(active row bound) + Σ d_j·(active column
// bound) and equals c·x at an optimum.
//
// # Errors
//
// Invalid input (index out of range, NaN, infinite coefficients) is recorded
// by the model and returned by Solve as a *ModelError (errors.Is
// ErrInvalidModel). The iteration limit gives *IterationLimitError (errors.Is
// ErrIterationLimit), numerical failure *NumericalError (errors.Is
// ErrNumerical), and a cancelled context an error wrapping ctx.Err(). After
// an error the basis reached is kept, so Solve can be called again.
//
// It owns the simplex method and its tolerances; it knows nothing of
// sortition (pricing and sortition pose their programs in its Model) and
// never prints or reads global state.
package lp
