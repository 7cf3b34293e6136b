package console

import (
	"fmt"
	"io"
	"strings"

	"github.com/tirage/tirage/message"
)

// LangOf returns the language of the console messages before the
// flags are read: TIRAGE_LANG when it is en or fr, else the system's
// language (LC_ALL, else LC_MESSAGES, else LANG, as POSIX reads them):
// French when it begins with "fr", English otherwise. --lang overrides it.
func LangOf(getenv func(string) string) message.Lang {
	if l, err := message.ParseLang(getenv("TIRAGE_LANG")); err == nil {
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale := getenv(v); locale != "" {
			if strings.HasPrefix(strings.ToLower(locale), "fr") {
				return message.French
			}
			return message.English
		}
	}
	return message.English
}

// say writes the sentence of the code, with its arguments as message.New
// takes them, in the language, on a line of its own.
func say(w io.Writer, lang message.Lang, code message.Code, pairs ...any) {
	fmt.Fprintln(w, text(lang, code, pairs...))
}

// text returns the sentence of the code, with its arguments as
// message.New takes them, in the language.
func text(lang message.Lang, code message.Code, pairs ...any) string {
	return message.New(code, pairs...).In(lang)
}

// Fail prints the sentence of the code, in the language, as a message of
// the tirage command on w (Errorf).
func Fail(w io.Writer, lang message.Lang, command string, code message.Code, pairs ...any) {
	Errorf(w, command, "%s", text(lang, code, pairs...))
}

// Percent formats a probability as a percentage with two decimals, as the
// language writes it (message.Percent): 12.31% in English, 12,31 % in
// French.
func Percent(p float64, lang message.Lang) string { return message.Percent(p, 2, lang) }

// LangLater returns the value of a --lang that args give, for when the
// flag parser stopped before it (as in 'select -h --lang fr'), "" when none.
func LangLater(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}
