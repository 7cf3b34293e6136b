package selection

import (
	"path"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// Folder is what the files of a selection folder are made from.
type Folder struct {
	// Record is the selection's audit record, committed or drawn.
	Record *audit.Record
	// Pool is the pool the record's people come from, with every column
	// of the pool file as read (for a replacement, the candidates); its
	// separator is that of the CSV files.
	Pool *sortition.Pool
	// Lang is the language of the reports; "" means English.
	Lang report.Lang
	// Organisation and Contact are printed at the top of the reports
	// (report.Options); "" for none.
	Organisation, Contact string
	// Completed, for a replacement, are the people of the completed panel
	// (the members who stay and the replacements), in pool order; nil
	// otherwise.
	Completed []sortition.Person
}

// Files returns the files of a selection folder for the record (Folder
// without a completed panel): see FolderFiles.
func Files(record *audit.Record, pool *sortition.Pool, lang report.Lang) ([]File, error) {
	return FolderFiles(Folder{Record: record, Pool: pool, Lang: lang})
}

// FolderFiles returns every file of a selection folder, in this order:
//
//   - the private files, for the organisers: probabilities.csv,
//     receipts.csv, then, once drawn, panel.csv and remaining.csv (the
//     pool's rows, every column), alternates.csv (when there are
//     alternates) and completed.csv (for a replacement), report.html,
//     report.md and audit.json;
//   - the public files, named public/…, which may be published as they
//     are: audit.json, probabilities.csv, receipts.csv, panel.csv,
//     alternates.csv and completed.csv as ids only, report.html and
//     report.md. They hold no value of a pool column other than the ids
//     and the quota values.
//
// A committed record that is not drawn has no panel, remaining,
// alternates or completed files. The reports name the input files by the
// names the record keeps, never a folder.
func FolderFiles(f Folder) ([]File, error) {
	r, pool := f.Record, f.Pool
	sep := pool.Delimiter
	if sep == 0 {
		sep = ','
	}
	var private, public []File
	add := func(list *[]File, name string, header []string, rows [][]string, err error) error {
		if err != nil {
			return err
		}
		data, err := audit.EncodeCSV(sep, header, rows)
		if err == nil {
			*list = append(*list, File{Name: name, Content: data})
		}
		return err
	}
	both := func(name string, header []string, rows [][]string, err error) error {
		if err := add(&private, name, header, rows, err); err != nil {
			return err
		}
		return add(&public, name, header, rows, nil)
	}
	header, rows, err := r.ProbabilitiesTable()
	if err := both(audit.ProbabilitiesFile, header, rows, err); err != nil {
		return nil, err
	}
	header, rows, err = r.ReceiptsTable()
	if err := both(audit.ReceiptsFile, header, rows, err); err != nil {
		return nil, err
	}
	if r.Draw != nil {
		panel, remaining, err := r.SplitPool(pool)
		if err != nil {
			return nil, err
		}
		if err := add(&private, audit.PanelFile, pool.Header, panel, nil); err != nil {
			return nil, err
		}
		if err := add(&private, audit.RemainingFile, pool.Header, remaining, nil); err != nil {
			return nil, err
		}
		header, rows, err := r.PublicPanelTable()
		if err := add(&public, audit.PanelFile, header, rows, err); err != nil {
			return nil, err
		}
		if len(r.Draw.Alternates) > 0 {
			header, rows, err := r.AlternatesTable(pool)
			if err := add(&private, audit.AlternatesFile, header, rows, err); err != nil {
				return nil, err
			}
			header, rows, err = r.PublicAlternatesTable()
			if err := add(&public, audit.AlternatesFile, header, rows, err); err != nil {
				return nil, err
			}
		}
		if f.Completed != nil {
			rows := make([][]string, len(f.Completed))
			ids := make([]string, len(f.Completed))
			for j, p := range f.Completed {
				rows[j], ids[j] = p.Fields, p.ID
			}
			if err := add(&private, audit.CompletedFile, pool.Header, rows, nil); err != nil {
				return nil, err
			}
			header, rows, err := audit.IDTable(ids)
			if err := add(&public, audit.CompletedFile, header, rows, err); err != nil {
				return nil, err
			}
		}
	}
	rep, err := report.New(r, report.Options{Lang: f.Lang, Organisation: f.Organisation, Contact: f.Contact, PoolPath: inputName(r.Inputs.Pool.Path), QuotasPath: inputName(r.Inputs.Quotas.Path)})
	if err != nil {
		return nil, err
	}
	html, err := rep.HTML()
	if err != nil {
		return nil, err
	}
	record, err := r.MarshalIndent()
	if err != nil {
		return nil, err
	}
	reports := []File{{Name: report.HTMLFile, Content: html}, {Name: report.MarkdownFile, Content: rep.Markdown()}}
	private = append(append(private, reports...), File{Name: audit.RecordFile, Content: record})
	public = append(append([]File{{Name: audit.RecordFile, Content: record}}, public...), reports...)
	for _, p := range public {
		private = append(private, File{Name: path.Join(audit.PublicDir, p.Name), Content: p.Content})
	}
	return private, nil
}

// inputName returns the name of an input file for the commands of a
// report: its base name (a record made before tirage kept only names may
// hold a path), or "" for the members of a JSON request, which are no
// file.
func inputName(p string) string {
	if p == "" || strings.HasPrefix(p, "(request)") {
		return ""
	}
	return BaseName(p)
}
