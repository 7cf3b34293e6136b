package console

import (
	"io"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// InputNotices prints, in the language, the notices about the input
// files, one a line, and the warning that the ids look like personal data
// (IDWarning).
func InputNotices(w io.Writer, lang message.Lang, inp *selection.Inputs) {
	for _, n := range inp.Notices {
		notice(w, lang, n)
	}
	if inp.IDs != nil {
		IDWarning(w, lang, inp.IDs)
	}
}

// idKinds are the codes of what ids look like, by IDWarning's Kind.
var idKinds = map[string]message.Code{"email": message.CLIEmails, "phone": message.CLIPhones, "name": message.CLINames}

// IDWarning warns, in the language, that the ids look like personal data,
// which is published with them, and says how to use opaque ids.
func IDWarning(w io.Writer, lang message.Lang, c *selection.IDWarning) {
	if c.InNameColumn {
		say(w, lang, message.CLIWarnNames, "column", selection.Quote(c.Column), "example", selection.Quote(c.Example))
	} else {
		say(w, lang, message.CLIWarnIDs, "count", c.Count, "of", c.Of, "column", selection.Quote(c.Column), "what", message.New(idKinds[c.Kind]), "example", selection.Quote(c.Example))
	}
	say(w, lang, message.CLIWarnIDsHelp)
}
