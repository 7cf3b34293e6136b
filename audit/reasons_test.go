package audit_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
)

// placeholders matches a template's placeholders, to cut it into the
// words around them.
var placeholders = regexp.MustCompile(`\{[^}]*\}`)

// englishWords returns the phrases of the code's English template: the
// parts between placeholders that hold two words or more of three letters
// or more. A French rendering that holds one has let English through.
func englishWords(code message.Code) []string {
	var out []string
	for _, part := range placeholders.Split(message.Template(code, message.English), -1) {
		words := 0
		for _, w := range strings.Fields(part) {
			if len(strings.Trim(w, ",.;:()")) >= 3 {
				words++
			}
		}
		if words >= 2 {
			out = append(out, strings.Trim(part, " ,.;:()"))
		}
	}
	return out
}

// codes returns the codes of r and of the reasons nested in it.
func codes(r message.Reason) []message.Code {
	if r.IsZero() {
		return nil // an optional part left out
	}
	out := []message.Code{r.Code}
	for _, a := range r.Args {
		switch v := a.Value.(type) {
		case message.Reason:
			out = append(out, codes(v)...)
		case []message.Reason:
			for _, n := range v {
				out = append(out, codes(n)...)
			}
		}
	}
	return out
}

// checkReasons checks that every check carries its finding and its title
// as reasons of the catalog: Detail is the reason in English, Title says
// Name, and in French neither lets any of their templates' English words
// through. No finding is an English error of another package
// (message.ErrorText) by itself: such an error (a JSON decoder's, a file
// system's) is quoted only inside a sentence of the catalog, whose French
// says it is English. It returns how many findings quote one.
func checkReasons(t *testing.T, checks []audit.Check) (untranslated int) {
	t.Helper()
	for _, c := range checks {
		if c.Reason.IsZero() || c.Title.IsZero() {
			t.Errorf("%s: no reason (%q) or no title (%q)", c.Name, c.Reason.Code, c.Title.Code)
			continue
		}
		if c.Reason.Code == message.ErrorText {
			t.Errorf("%s: the finding is an English error, not a reason: %s", c.Name, c.Detail)
		}
		if fr := c.Reason.In(message.French); strings.Contains(fr, "(en anglais)") != slices.Contains(codes(c.Reason), message.ErrorText) {
			t.Errorf("%s: the French %q does not say which words are English", c.Name, fr)
		}
		if c.Detail != c.Reason.String() {
			t.Errorf("%s: the detail %q is not the reason in English %q", c.Name, c.Detail, c.Reason.String())
		}
		if got := c.Title.String(); got != c.Name {
			t.Errorf("the title of %q says %q", c.Name, got)
		}
		for _, r := range []message.Reason{c.Reason, c.Title} {
			fr := r.In(message.French)
			for _, code := range codes(r) {
				if message.Template(code, message.English) == "" {
					t.Errorf("%s: the code %q is not in the catalog", c.Name, code)
				}
				if code == message.ErrorText {
					untranslated++
				}
				for _, words := range englishWords(code) {
					if strings.Contains(fr, words) {
						t.Errorf("%s: the French %q holds the English %q of %s", c.Name, fr, words, code)
					}
				}
			}
		}
	}
	return untranslated
}
