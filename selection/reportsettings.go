package selection

import (
	"io/fs"

	"github.com/tirage/tirage/report"
)

// ReportSettings are the settings of a selection's report that a draw or
// a replacement of it keeps: the language and the byline.
type ReportSettings struct {
	Lang                  report.Lang
	Organisation, Contact string
}

// ReportSettingsOf returns the settings of the report.html in the
// selection folder d: English and no byline when it has none.
func ReportSettingsOf(d Dir) ReportSettings {
	s := ReportSettings{Lang: report.English}
	data, err := fs.ReadFile(d.FS, report.HTMLFile)
	if err != nil {
		return s
	}
	if lang, ok := report.LangOf(data); ok {
		s.Lang = lang
	}
	s.Organisation, s.Contact = report.BylineOf(data)
	return s
}
