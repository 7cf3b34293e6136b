package message

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// sample returns a reason of the code with an argument of each declared
// name: distinct numbers from 1001, texts naming the argument, nested
// reasons and lists of the first code that takes no argument.
func sample(t *testing.T, code Code) (Reason, []int) {
	t.Helper()
	var pairs []any
	var numbers []int
	for i, decl := range strings.Fields(catalog[code].args) {
		name, typ, ok := strings.Cut(decl, ":")
		if !ok {
			t.Fatalf("%s: argument %q has no type", code, decl)
		}
		var v any
		switch typ {
		case "n":
			n := 1001 + i
			numbers = append(numbers, n)
			v = n
		case "s":
			v = "‹" + name + "›"
		case "r":
			v = New(NoRelaxation)
		case "l":
			v = []string{"‹" + name + "1›", "‹" + name + "2›"}
		default:
			t.Fatalf("%s: argument %q has the unknown type %q", code, name, typ)
		}
		pairs = append(pairs, name, v)
	}
	return New(code, pairs...), numbers
}

var placeholder = regexp.MustCompile(`\{([a-zA-Z]+)[|:}]`)

// placeholderNames returns the names of the arguments a template uses,
// sorted, each once.
func placeholderNames(tmpl string) string {
	seen := map[string]bool{}
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			names = append(names, m[1])
		}
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

// wordless reports whether a template has no word of its own, only
// placeholders and punctuation ("{name}", "{items:,}{more}"): it has
// nothing to translate, so its two templates may be the same.
func wordless(tmpl string) bool {
	rest := regexp.MustCompile(`\{[^}]*\}`).ReplaceAllString(tmpl, "")
	return !strings.ContainsFunc(rest, unicode.IsLetter)
}

// TestCatalogComplete checks every code (those of conflicts, input files,
// the console, verification results and the checks' titles alike): both
// templates exist and differ, carry the same placeholders, each uses only
// the arguments it declares and every one of them, and each rendering
// shows every number given and differs from the other.
func TestCatalogComplete(t *testing.T) {
	if len(Codes()) < 20 {
		t.Fatalf("only %d codes", len(Codes()))
	}
	for _, code := range Codes() {
		e := catalog[code]
		if e.en == "" || e.fr == "" {
			t.Errorf("%s: a template is missing: en %q, fr %q", code, e.en, e.fr)
			continue
		}
		if e.en == e.fr && !wordless(e.en) {
			t.Errorf("%s: the English and French templates are the same: %q", code, e.en)
		}
		declared := map[string]bool{}
		for _, decl := range strings.Fields(e.args) {
			name, _, _ := strings.Cut(decl, ":")
			declared[name] = true
		}
		if en, fr := placeholderNames(e.en), placeholderNames(e.fr); en != fr {
			t.Errorf("%s: the English template carries the placeholders %s, the French %s", code, en, fr)
		}
		for lang, tmpl := range map[Lang]string{English: e.en, French: e.fr} {
			used := map[string]bool{}
			for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
				used[m[1]] = true
				if !declared[m[1]] {
					t.Errorf("%s (%s): the template uses {%s}, which the code does not declare", code, lang, m[1])
				}
			}
			for name := range declared {
				if !used[name] {
					t.Errorf("%s (%s): the template leaves out the argument %s", code, lang, name)
				}
			}
		}
		r, numbers := sample(t, code)
		en, fr := r.In(English), r.In(French)
		for lang, s := range map[Lang]string{English: en, French: fr} {
			if strings.ContainsAny(s, "{}") {
				t.Errorf("%s (%s): a placeholder is left in %q", code, lang, s)
			}
			for _, n := range numbers {
				if !strings.Contains(s, fmt.Sprint(n)) {
					t.Errorf("%s (%s): %q does not show the number %d", code, lang, s, n)
				}
			}
		}
		if en == fr && !wordless(e.en) {
			t.Errorf("%s: the English and French renderings are the same: %q", code, en)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n      int
		en, fr string
	}{
		{0, "at least 0 people with x", "au moins 0 personne avec x"},
		{1, "at least 1 person with x", "au moins 1 personne avec x"},
		{2, "at least 2 people with x", "au moins 2 personnes avec x"},
	} {
		r := New(BoundMin, "limit", c.n, "value", "x")
		if got := r.In(English); got != c.en {
			t.Errorf("%d: English %q, want %q", c.n, got, c.en)
		}
		if got := r.In(French); got != c.fr {
			t.Errorf("%d: French %q, want %q", c.n, got, c.fr)
		}
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		items  []string
		en, fr string
	}{
		{nil, "", ""},
		{[]string{"a"}, "a", "a"},
		{[]string{"a", "b"}, "a and b", "a et b"},
		{[]string{"a", "b", "c"}, "a, b and c", "a, b et c"},
	} {
		if got := List(c.items, English); got != c.en {
			t.Errorf("%q: %q, want %q", c.items, got, c.en)
		}
		if got := List(c.items, French); got != c.fr {
			t.Errorf("%q: %q, want %q", c.items, got, c.fr)
		}
	}
}

func TestMarshalJSON(t *testing.T) {
	r := New(ConflictMinAbovePool, "need", New(NeedMin, "limit", 8, "value", `literacy "no"`), "pool", 6)
	got, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"conflict-min-above-pool","args":{"need":{"code":"need-min","args":{"limit":8,"value":"literacy \"no\""}},"pool":6}}`
	if string(got) != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestUnknownCode(t *testing.T) {
	if got := New("no-such-code", "n", 3).In(French); got != "no-such-code n=3" {
		t.Errorf("got %q", got)
	}
}

func TestUnmarshalJSON(t *testing.T) {
	r := New(CountingUnmet, "problems", []Reason{New(CountMinsAboveK, "category", "age", "sum", 9, "k", 8)})
	data, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back Reason
	if err := back.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	if back.In(French) != r.In(French) || back.String() != r.String() {
		t.Errorf("read back as %q, want %q", back, r)
	}
	again, _ := back.MarshalJSON()
	if string(again) != string(data) {
		t.Errorf("written again as %s, want %s", again, data)
	}
	list := New(ConflictCategoryMins, "category", "age", "sum", 9, "mins", []string{`5 "a"`, `4 "b"`}, "k", 8)
	data, _ = list.MarshalJSON()
	if err := back.UnmarshalJSON(data); err != nil || back.String() != list.String() {
		t.Errorf("read back as %q (%v), want %q", back, err, list)
	}
}

func TestReasonOf(t *testing.T) {
	e := Errorf(CheckKOutOfRange)
	if got := ReasonOf(fmt.Errorf("%w", e)); got.Code != CheckKOutOfRange {
		t.Errorf("an *Error wrapped without words gives %q", got.Code)
	}
	for _, err := range []error{fmt.Errorf("at line 3: %w", e), errors.New("disk full")} {
		r := ReasonOf(err)
		if r.Code != ErrorText || r.String() != err.Error() {
			t.Errorf("%q gives %q, rendered %q", err, r.Code, r.String())
		}
		if fr := r.In(French); !strings.HasPrefix(fr, err.Error()) || fr == err.Error() {
			t.Errorf("%q in French: %q", err, fr)
		}
	}
}

// TestEveryCodeRegistered checks that every code declared in the package's
// files has its templates in the catalog: a code declared and used but
// never registered renders as its name.
func TestEveryCodeRegistered(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^\s*(?:const\s+)?\w+\s+Code = "([a-z0-9-]+)"`)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range declared.FindAllStringSubmatch(string(data), -1) {
			n++
			if _, ok := catalog[Code(m[1])]; !ok {
				t.Errorf("%s: the code %s is declared but not in the catalog", f, m[1])
			}
		}
	}
	for c := range catalog {
		if strings.HasPrefix(string(c), "flag-") {
			n++ // the flags' descriptions are named by command and flag (FlagCode)
		}
	}
	if n < len(catalog) {
		t.Errorf("found %d declared codes, fewer than the catalog's %d", n, len(catalog))
	}
}

// TestPhases checks that a phase named in words by the library says that
// name in English, and something else in French; and that a code is a
// phase too.
func TestPhases(t *testing.T) {
	for name, code := range phases {
		r := Phase(name)
		if r.Code != code || r.String() != name || r.In(French) == name {
			t.Errorf("the phase %q: %s, %q in English, %q in French", name, r.Code, r.String(), r.In(French))
		}
	}
	if r := Phase(string(VerifyingExact)); r.Code != VerifyingExact {
		t.Errorf("the code %s is the phase %s", VerifyingExact, r.Code)
	}
	if r := Phase("a new phase"); r.In(French) != "a new phase" {
		t.Errorf("an unknown phase is said %q", r.In(French))
	}
}

// TestNumbersAsTheRecordWritesThem checks that a number given as a number
// is written the same in both languages: an int's digits, and a float's
// shortest round-trip form with a point, as audit.json has them
// (doc.go).
func TestNumbersAsTheRecordWritesThem(t *testing.T) {
	r := New(Verbatim, "name", 0.12307692307088058)
	for _, lang := range Langs {
		if got := r.In(lang); got != "0.12307692307088058" {
			t.Errorf("%s: a float is written %q", lang, got)
		}
	}
	if got := New(Verbatim, "name", 1e-9).In(French); got != "1e-09" {
		t.Errorf("a small float is written %q", got)
	}
	if got := New(Verbatim, "name", 12345).In(French); got != "12345" {
		t.Errorf("an int is written %q", got)
	}
}
