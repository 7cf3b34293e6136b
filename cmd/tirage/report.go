package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
)

// reportFiles are the fairness report's files, written beside the record.
var reportFiles = []string{report.HTMLFile, report.MarkdownFile}

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

// fromDir returns path, a file named relative to the current directory,
// as seen from dir: relative to dir when possible, else absolute, with
// forward slashes (which every system accepts) so that the report reads the
// same everywhere. It returns "" for "".
func fromDir(dir, path string) string {
	if path == "" {
		return ""
	}
	absDir, err1 := filepath.Abs(dir)
	absPath, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(path)
	}
	if rel, err := filepath.Rel(absDir, absPath); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(absPath)
}

// writeReports writes report.html and report.md of the record in dir and
// returns their names. pool and quotas name the input files relative to
// the current directory ("" to leave them out of the commands shown).
func writeReports(dir string, record *audit.Record, lang report.Lang, pool, quotas string) ([]string, error) {
	rep, err := report.New(record, report.Options{Lang: lang, PoolPath: fromDir(dir, pool), QuotasPath: fromDir(dir, quotas)})
	if err != nil {
		return nil, err
	}
	html, err := rep.HTML()
	if err != nil {
		return nil, err
	}
	for i, data := range [][]byte{html, rep.Markdown()} {
		if err := writeFileAtomic(filepath.Join(dir, reportFiles[i]), func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}); err != nil {
			return nil, err
		}
	}
	return reportFiles, nil
}
