package console

import (
	"fmt"
	"io"

	"github.com/tirage/tirage/selection"
)

// InputNotices prints the notices about the input files, one a line, and
// the warning that the ids look like personal data (IDWarning).
func InputNotices(w io.Writer, inp *selection.Inputs) {
	for _, n := range inp.Notices {
		fmt.Fprintf(w, "notice: %s\n", n)
	}
	if inp.IDs != nil {
		IDWarning(w, inp.IDs)
	}
}

// IDWarning warns that the ids look like personal data, which is
// published with them, and says how to use opaque ids.
func IDWarning(w io.Writer, c *selection.IDWarning) {
	what := map[string]string{"email": "e-mail addresses", "phone": "phone numbers", "name": "people's names"}[c.Kind]
	if c.InNameColumn {
		fmt.Fprintf(w, "warning: the ids are read from the column %s, which holds people's names (such as %s).\n", selection.Quote(c.Column), selection.Quote(c.Example))
	} else {
		fmt.Fprintf(w, "warning: %d of the %d ids (column %s) look like %s, such as %s.\n", c.Count, c.Of, selection.Quote(c.Column), what, selection.Quote(c.Example))
	}
	fmt.Fprintf(w, "  The ids are published: they are in audit.json and every file of public/. Give each volunteer an\n"+
		"  opaque id instead: add a column to the pool, such as ref, holding P0001, P0002, …, select with\n"+
		"  --id-column ref, and keep the pool, which links the ids to people, private.\n")
}
