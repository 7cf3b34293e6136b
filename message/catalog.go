package message

// entry is one code's templates: the arguments it takes, as "name:type"
// separated by spaces (type n for an int, s for a string, r for a Reason,
// l for a list), and its English and French templates.
//
// In a template, {name} is the argument's value (a list joined as "a, b
// and c"), {name|one|many} is one or many as the int argument is singular
// or plural in the language, and {name:+} is a list joined with " + ".
type entry struct {
	args   string
	en, fr string
}

// catalog holds every code's templates. Each code is declared beside the
// reasons of its kind (conflict.go, input.go, …).
var catalog = map[Code]entry{}

// register adds entries to the catalog; a code given twice is a bug.
func register(entries map[Code]entry) map[Code]entry {
	for c, e := range entries {
		if _, dup := catalog[c]; dup {
			panic("message: code " + string(c) + " registered twice")
		}
		catalog[c] = e
	}
	return entries
}

// Codes returns every code of the catalog, for tests and documentation.
func Codes() []Code {
	out := make([]Code, 0, len(catalog))
	for c := range catalog {
		out = append(out, c)
	}
	return out
}

// Template returns the code's template in the language, "" for a code the
// catalog does not have: for tests that look for sentences left untranslated,
// and for documentation.
func Template(code Code, lang Lang) string {
	e := catalog[code]
	if lang == French {
		return e.fr
	}
	return e.en
}
