// Package console renders the results of the library's workflows as the
// tirage command prints them on its console: select's summary, check's
// table, conflicts and relaxation, verify's checks, compare's table,
// draw's, replace's and batch's summaries, errors in plain sentences, and
// the progress of long work.
//
// It owns the words of the console and nothing else: every function takes
// result values of package selection and an io.Writer, and none computes,
// reads or writes a file. One function renders one kind of message, so
// that a catalog of sentences renders each in English and in French; the
// sentences are English today.
package console
