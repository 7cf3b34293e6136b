package table

import (
	"strconv"

	"github.com/tirage/tirage/message"
)

// MaxQuoted is the number of characters of a value that a message quotes: a
// longer value is cut, and ends with "…", so that no input can make a
// message long.
const MaxQuoted = 60

// Cut returns s, or its first n characters followed by "…" when it is
// longer.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// Quote returns s in quotation marks as %q writes it, cut to MaxQuoted
// characters: the form in which messages quote a value read from a file.
func Quote(s string) string {
	return strconv.Quote(Cut(s, MaxQuoted))
}

// QuoteList returns the items quoted and separated by commas, at most max
// of them, followed by how many more there are: ("a", "b", "c" and 7
// more), as a reason (message.ListItems), to say in either language.
func QuoteList(items []string, max int) message.Reason {
	return list(items, max, Quote)
}

// LineList returns the line numbers separated by commas, at most max of
// them, followed by how many more there are (12, 45, 78 and 3 more), as
// a reason (message.ListItems).
func LineList(lines []int, max int) message.Reason {
	return list(lines, max, strconv.Itoa)
}

// list returns at most max items, written, then how many more there are.
func list[T any](items []T, max int, write func(T) string) message.Reason {
	var out []string
	var more message.Reason
	for i, it := range items {
		if i == max {
			more = message.New(message.ListMore, "n", len(items)-max)
			break
		}
		out = append(out, write(it))
	}
	return message.New(message.ListItems, "items", out, "more", more)
}
