package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
)

// consoleLang returns the language of the console messages before the
// flags are read: TIRAGE_LANG when it is en or fr, else the system's
// language (LC_ALL, else LC_MESSAGES, else LANG, as POSIX reads them):
// French when it begins with "fr", English otherwise. --lang overrides it
// (langOption).
func consoleLang(getenv func(string) string) message.Lang {
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

// registerLang declares --lang on a command that has none (select and
// draw have theirs, which also sets the report's language): the
// language of the messages.
func registerLang(fs *flag.FlagSet) {
	if fs.Lookup("lang") == nil {
		fs.String("lang", "", "the `LANGUAGE` of the messages: en (English) or fr (French) (default: TIRAGE_LANG, else the system's language)")
	}
}

// langOption returns the language --lang names when it was given, and
// false when it names none tirage speaks.
func langOption(fs *flag.FlagSet, current message.Lang) (message.Lang, error) {
	lang := current
	var err error
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "lang" {
			lang, err = message.ParseLang(f.Value.String())
		}
	})
	return lang, err
}

// say renders the reason of the code and arguments in the console's
// language.
func (e *env) say(code message.Code, pairs ...any) string {
	return message.New(code, pairs...).In(e.lang)
}

// sayln writes the reason of the code and arguments on w, in the
// console's language, followed by a newline.
func (e *env) sayln(w io.Writer, code message.Code, pairs ...any) {
	fmt.Fprintln(w, e.say(code, pairs...))
}

// decimal writes a number formatted with a decimal point as the console's
// language does: 12.5 in English, 12,5 in French.
func (e *env) decimal(s string) string {
	if e.lang == message.French {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percent writes a probability as a percentage with two decimals, as the
// console's language writes it: 12.31% in English, 12,31 % in French.
func (e *env) percent(p float64) string {
	s := percent(p)
	if e.lang == message.French {
		return strings.Replace(strings.Replace(s, ".", ",", 1), "%", "\u00a0%", 1)
	}
	return s
}

// seedKind says where a seed came from, in the console's language.
func (e *env) seedKind(kind audit.SeedKind) string { return audit.SeedKindReason(kind).In(e.lang) }
