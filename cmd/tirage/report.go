package main

import (
	"flag"
	"os"
	"path/filepath"

	"github.com/tirage/tirage/report"
)

// langFlag is the --lang flag: the language of the report.
type langFlag struct {
	code string
	set  bool
}

func (f *langFlag) register(fs *flag.FlagSet, def string) {
	fs.StringVar(&f.code, "lang", "", "the `LANGUAGE` of report.html and report.md: en (English) or fr (French) "+def)
}

// visit notes whether --lang was given.
func (f *langFlag) visit(fs *flag.FlagSet) {
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "lang" {
			f.set = true
		}
	})
}

// resolve returns the language the flag names, or def when it was not
// given, printing what is wrong.
func (f *langFlag) resolve(e *env, def report.Lang) (report.Lang, bool) {
	if !f.set {
		return def, true
	}
	lang, err := report.ParseLang(f.code)
	if err != nil {
		e.errorf("--lang: %v", err)
		return "", false
	}
	return lang, true
}

// existingReportLang returns the language of the report.html in dir, or
// English when there is none.
func existingReportLang(dir string) report.Lang {
	data, err := os.ReadFile(filepath.Join(dir, report.HTMLFile))
	if err != nil {
		return report.English
	}
	if lang, ok := report.LangOf(data); ok {
		return lang
	}
	return report.English
}
