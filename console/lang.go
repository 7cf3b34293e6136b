package console

import (
	"strings"

	"github.com/tirage/tirage/message"
)

// LangOf returns the language of the console messages before the
// flags are read: TIRAGE_LANG when it is en or fr, else the system's
// language (LC_ALL, else LC_MESSAGES, else LANG, as POSIX reads them):
// French when it begins with "fr", English otherwise. --lang overrides it
// .
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
