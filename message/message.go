package message

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Lang is a language messages are rendered in: an ISO 639-1 code.
type Lang string

// The languages of the messages.
const (
	English Lang = "en"
	French  Lang = "fr"
)

// Langs lists the languages messages are rendered in, English first.
var Langs = []Lang{English, French}

// ParseLang returns the language with the given code ("en" or "fr", any
// case).
func ParseLang(code string) (Lang, error) {
	l := Lang(strings.ToLower(strings.TrimSpace(code)))
	if slices.Contains(Langs, l) {
		return l, nil
	}
	return "", Errorf(LangUnknown, "lang", strconv.Quote(code))
}

// LangUnknown is the code of ParseLang's error.
const LangUnknown Code = "lang-unknown" // lang

var _ = register(map[Code]entry{
	LangUnknown: {"lang:s",
		"the language {lang} is not one tirage speaks; use en (English) or fr (French)",
		"la langue {lang} n'est pas une de celles que parle tirage ; utilisez en (anglais) ou fr (français)"},
})

// Code names a kind of reason. Codes are stable: platforms select on
// them.
type Code string

// Arg is one argument of a reason: its name, as the templates use it, and
// its value: an int, a string, a Reason, a []Reason or a []string.
type Arg struct {
	Name  string
	Value any
}

// Reason is a message as data: its code and its arguments.
type Reason struct {
	Code Code
	Args []Arg
}

// New returns the reason of the code with the arguments given as name,
// value pairs: New(MinAbovePool, "limit", 8, "value", label, "pool", 6).
func New(code Code, pairs ...any) Reason {
	r := Reason{Code: code}
	for i := 0; i+1 < len(pairs); i += 2 {
		r.Args = append(r.Args, Arg{Name: pairs[i].(string), Value: pairs[i+1]})
	}
	return r
}

// Arg returns the value of the named argument, nil when there is none.
func (r Reason) Arg(name string) any {
	for _, a := range r.Args {
		if a.Name == name {
			return a.Value
		}
	}
	return nil
}

// Int returns the named argument when it is an int, and 0 otherwise.
func (r Reason) Int(name string) int {
	n, _ := r.Arg(name).(int)
	return n
}

// IsZero reports whether r is the zero Reason (no code).
func (r Reason) IsZero() bool { return r.Code == "" }

// String renders the reason in English.
func (r Reason) String() string { return r.In(English) }

// In renders the reason in the language: from the code's template in the
// catalog, or, for a code the catalog does not have, the code and its
// arguments.
func (r Reason) In(lang Lang) string {
	e, ok := catalog[r.Code]
	if !ok {
		return r.fallback()
	}
	tmpl := e.en
	if lang == French {
		tmpl = e.fr
	}
	return r.fill(tmpl, lang)
}

// fallback writes a reason whose code has no template.
func (r Reason) fallback() string {
	var b strings.Builder
	b.WriteString(string(r.Code))
	for _, a := range r.Args {
		fmt.Fprintf(&b, " %s=%v", a.Name, a.Value)
	}
	return b.String()
}

// fill replaces the placeholders of tmpl: {name} by the argument's value,
// {name|one|many} by one or many as the int argument is singular or plural
// in the language, and {name:+} by a list joined with " + " ({name:;}
// with "; ", {name:,} with ", " and {name:\n} one item a line).
func (r Reason) fill(tmpl string, lang Lang) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		b.WriteString(r.placeholder(tmpl[i+1:i+j], lang))
		tmpl = tmpl[i+j+1:]
	}
}

func (r Reason) placeholder(p string, lang Lang) string {
	if name, forms, ok := strings.Cut(p, "|"); ok {
		one, many, _ := strings.Cut(forms, "|")
		if singular(r.Int(name), lang) {
			return one
		}
		return many
	}
	if name, sep, ok := strings.Cut(p, ":"); ok {
		switch sep {
		case "\n":
			return strings.Join(texts(r.Arg(name), lang), sep)
		case ";", ",":
		default:
			sep = " " + sep
		}
		return strings.Join(texts(r.Arg(name), lang), sep+" ")
	}
	switch v := r.Arg(p).(type) {
	case int:
		return strconv.Itoa(v)
	case float64:
		return Exact(v)
	case string:
		return v
	case Reason:
		if v.IsZero() {
			return "" // an optional part left out
		}
		return v.In(lang)
	case []Reason, []string:
		return List(texts(v, lang), lang)
	case nil:
		return "{" + p + "}"
	default:
		return fmt.Sprint(v)
	}
}

// texts renders a list argument.
func texts(v any, lang Lang) []string {
	switch v := v.(type) {
	case []string:
		return v
	case []Reason:
		out := make([]string, len(v))
		for i, r := range v {
			out[i] = r.In(lang)
		}
		return out
	}
	return nil
}

// singular reports whether n takes the singular in the language: 1 in
// English; 0 and 1 in French.
func singular(n int, lang Lang) bool {
	if lang == French {
		return n == 0 || n == 1
	}
	return n == 1
}

// List joins items as a sentence does: "a, b and c" in English, "a, b et
// c" in French.
func List(items []string, lang Lang) string {
	and := " and "
	if lang == French {
		and = " et "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}

// Capitalize returns s with its first letter in upper case.
func Capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// MarshalJSON writes {"code": …, "args": {name: value, …}} with the
// arguments in their order; a nested reason is written the same way.
func (r Reason) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	code, _ := json.Marshal(string(r.Code))
	b.WriteString(`{"code":`)
	b.Write(code)
	if len(r.Args) > 0 {
		b.WriteString(`,"args":{`)
		for i, a := range r.Args {
			if i > 0 {
				b.WriteByte(',')
			}
			name, _ := json.Marshal(a.Name)
			b.Write(name)
			b.WriteByte(':')
			v, err := json.Marshal(a.Value)
			if err != nil {
				return nil, err
			}
			b.Write(v)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// UnmarshalJSON reads the form MarshalJSON writes: the arguments in their
// order, a whole number as an int, an object as a Reason, a list of
// objects as a []Reason and a list of texts as a []string.
func (r *Reason) UnmarshalJSON(data []byte) error {
	var raw struct {
		Code Code            `json:"code"`
		Args json.RawMessage `json:"args"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*r = Reason{Code: raw.Code}
	if len(raw.Args) == 0 || string(raw.Args) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw.Args))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("the args of a reason must be an object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return err
		}
		v, err := argValue(value)
		if err != nil {
			return err
		}
		r.Args = append(r.Args, Arg{Name: tok.(string), Value: v})
	}
	return nil
}

// argValue reads one argument's JSON value.
func argValue(data json.RawMessage) (any, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, nil
	}
	switch data[0] {
	case '{':
		var nested Reason
		err := nested.UnmarshalJSON(data)
		return nested, err
	case '[':
		var reasons []Reason
		if err := json.Unmarshal(data, &reasons); err == nil {
			return reasons, nil
		}
		var strs []string
		err := json.Unmarshal(data, &strs)
		return strs, err
	case '"':
		var s string
		err := json.Unmarshal(data, &s)
		return s, err
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	if i, err := n.Int64(); err == nil {
		return int(i), nil
	}
	return n.Float64()
}

// Error is an error that is a reason: its Error method renders it in
// English, and a caller that speaks another language finds it with
// errors.As and renders it with In.
type Error struct {
	Reason Reason
}

// Errorf returns the reason of the code and arguments (as New) as an
// *Error.
func Errorf(code Code, pairs ...any) *Error { return &Error{Reason: New(code, pairs...)} }

// Error returns the reason in English.
func (e *Error) Error() string { return e.Reason.String() }

// Reasoner is an error that can say itself as a reason, such as an input
// file's error that knows its file and line: ReasonOf and In use its
// reason.
type Reasoner interface {
	error
	AsReason() Reason
}

// reasonOf returns the reason of the *Error or Reasoner that err is or
// wraps without adding words.
func reasonOf(err error) (Reason, bool) {
	var e *Error
	if errors.As(err, &e) && err.Error() == e.Error() {
		return e.Reason, true
	}
	var r Reasoner
	if errors.As(err, &r) && err.Error() == r.Error() {
		return r.AsReason(), true
	}
	return Reason{}, false
}

// In renders err in the language: the reason of the *Error or Reasoner it
// is or wraps without adding words, else its own message.
func In(err error, lang Lang) string {
	if r, ok := reasonOf(err); ok {
		return r.In(lang)
	}
	return err.Error()
}

// ErrorText is the code of an error that is not a reason (a library's own
// words, in English), when it is given as a reason: ReasonOf.
const ErrorText Code = "error-text" // text

var _ = register(map[Code]entry{
	ErrorText: {"text:s", "{text}", "{text} (en anglais)"},
})

// ReasonOf returns err as a reason, rendered in English as err.Error():
// the reason of the *Error or Reasoner it is or wraps without adding
// words, else its text under the code ErrorText (which says in French that
// the text is English).
func ReasonOf(err error) Reason {
	if r, ok := reasonOf(err); ok {
		return r
	}
	return New(ErrorText, "text", err.Error())
}
