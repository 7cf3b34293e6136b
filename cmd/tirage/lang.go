package main

import (
	"flag"

	"github.com/tirage/tirage/console"

	"github.com/tirage/tirage/message"
)

// langOf returns the language --lang names when it was given on fs (it may
// have been given before a flag the parser refused), else current; ok is
// false when it names none tirage speaks.
func langOf(fs *flag.FlagSet, current message.Lang) (lang message.Lang, code string, ok bool) {
	if !given(fs)["lang"] {
		return current, "", true
	}
	code = fs.Lookup("lang").Value.String()
	lang, err := message.ParseLang(code)
	return lang, code, err == nil
}

// tell prints the sentence of the code, in the console's language, as the
// command's error.
func (e *env) tell(code message.Code, pairs ...any) {
	console.Fail(e.stderr, e.lang, e.name, code, pairs...)
}

// usage prints the sentence of the code as tell does and returns
// exitUsage.
func (e *env) usage(code message.Code, pairs ...any) int {
	e.tell(code, pairs...)
	return exitUsage
}

// say returns err's message in the console's language (console.ErrorText).
func (e *env) say(err error) string { return console.ErrorText(err, e.lang) }
