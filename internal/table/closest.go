package table

// maxCompared is the number of characters of each string that Distance
// compares, so that a long value cannot make the comparison slow.
const maxCompared = 100

// Distance returns the edit distance between the Keys of a and b: the
// fewest insertions, deletions and substitutions of one character that turn
// one into the other (Levenshtein). Only the first 100 characters of each
// Key are compared.
func Distance(a, b string) int {
	// Cut first, so that Key does not read a long value whole.
	x, y := []rune(Key(Cut(a, 2*maxCompared))), []rune(Key(Cut(b, 2*maxCompared)))
	x, y = x[:min(len(x), maxCompared)], y[:min(len(y), maxCompared)]
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// Closest returns the index in candidates of the one nearest to s by
// Distance, the first of the nearest on a tie, and its distance; -1 when
// there are no candidates.
func Closest(s string, candidates []string) (index, distance int) {
	index = -1
	for i, c := range candidates {
		if d := Distance(s, c); index < 0 || d < distance {
			index, distance = i, d
		}
	}
	return index, distance
}

// Near reports whether a and b are near enough to suggest one for the
// other: their Distance is at most a third of the longer Key's length, and
// at least 1 is allowed ("F" for "H", "Supérieur" for "Supérieure").
func Near(a, b string) bool {
	n := max(len([]rune(Key(Cut(a, 2*maxCompared)))), len([]rune(Key(Cut(b, 2*maxCompared)))))
	return Distance(a, b) <= max(1, n/3)
}
