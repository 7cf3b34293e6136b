package report

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tirage/tirage/message"
)

// The longest organisation name and contact text a report prints, in
// characters.
const (
	MaxOrganisation = 200
	MaxContact      = 300
)

// CheckByline returns an error when an organisation name or a contact
// text, as given to Options, is longer than MaxOrganisation or MaxContact
// characters, or holds a control character such as a line break (the
// flag saying which is the caller's).
func CheckByline(organisation, contact string) error {
	for _, f := range []struct {
		name message.Code
		text string
		max  int
	}{{message.BylineOrganisation, organisation, MaxOrganisation}, {message.BylineContact, contact, MaxContact}} {
		name := message.New(f.name)
		if !utf8.ValidString(f.text) {
			return message.Errorf(message.BylineNotUTF8, "what", name)
		}
		if n := utf8.RuneCountInString(f.text); n > f.max {
			return message.Errorf(message.BylineTooLong, "what", name, "n", n, "max", f.max)
		}
		if i := strings.IndexFunc(f.text, unicode.IsControl); i >= 0 {
			return message.Errorf(message.BylineControl, "what", name, "byte", i+1)
		}
	}
	return nil
}

// The meta elements of report.html that keep the organisation and the
// contact, so that a later draw or replacement prints them again
// (BylineOf).
const (
	metaOrganisation = `<meta name="tirage-organisation" content="`
	metaContact      = `<meta name="tirage-contact" content="`
)

// BylineOf returns the organisation and the contact printed in a
// report.html made by this package ("" for those it does not print).
func BylineOf(data []byte) (organisation, contact string) {
	head, _, _ := bytes.Cut(data, []byte("</head>"))
	read := func(prefix string) string {
		_, rest, ok := bytes.Cut(head, []byte(prefix))
		if !ok {
			return ""
		}
		value, _, ok := bytes.Cut(rest, []byte(`"`))
		if !ok {
			return ""
		}
		return html.UnescapeString(string(value))
	}
	return read(metaOrganisation), read(metaContact)
}
