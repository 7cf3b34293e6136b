package main

import (
	"flag"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// langFlag is the --lang flag of select and draw: the language of the
// messages (read by run, as every command's) and of the report.
type langFlag struct {
	code string
	set  bool
}

func (f *langFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&f.code, "lang", "", "")
}

// resolve returns the language the flag names, or def when it was not
// given, printing what is wrong.
func (f *langFlag) resolve(e *env, def report.Lang) (report.Lang, bool) {
	if !f.set {
		return def, true
	}
	lang, err := report.ParseLang(f.code)
	if err != nil {
		e.tell(message.CLIFlagSays, "flag", "--lang", "err", e.say(err))
		return "", false
	}
	return lang, true
}

// bylineFlags are the --organisation and --contact flags: who organises
// the selection and how to reach them, printed at the top of the report.
type bylineFlags struct {
	organisation, contact string
}

func (f *bylineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.organisation, "organisation", "", "")
	fs.StringVar(&f.contact, "contact", "", "")
}

// check prints what is wrong with the flags, and reports whether nothing
// is.
func (f *bylineFlags) check(e *env) bool {
	if err := report.CheckByline(f.organisation, ""); err != nil {
		e.tell(message.CLIFlagSays, "flag", "--organisation", "err", e.say(err))
		return false
	}
	if err := report.CheckByline("", f.contact); err != nil {
		e.tell(message.CLIFlagSays, "flag", "--contact", "err", e.say(err))
		return false
	}
	return true
}

// keep fills in the flags that were not given with the organisation and
// the contact of the report.html in dir, so that a draw prints them again.
func (f *bylineFlags) keep(given map[string]bool, dir string) {
	kept := selection.ReportSettingsOf(dirOf(dir))
	if !given["organisation"] {
		f.organisation = kept.Organisation
	}
	if !given["contact"] {
		f.contact = kept.Contact
	}
}
