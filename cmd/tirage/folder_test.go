package main

import (
	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
)

// drawnFiles are the files of a drawn selection without alternates: the
// private ones, then the public folder's.
var drawnFiles = []string{
	audit.ProbabilitiesFile, audit.ReceiptsFile, audit.PanelFile, audit.RemainingFile, report.HTMLFile, report.MarkdownFile, audit.RecordFile,
	"public/" + audit.RecordFile, "public/" + audit.ProbabilitiesFile, "public/" + audit.ReceiptsFile, "public/" + audit.PanelFile, "public/" + report.HTMLFile, "public/" + report.MarkdownFile,
}
