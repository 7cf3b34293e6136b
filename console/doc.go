// Package console renders the results of the library's workflows as the
// tirage command prints them on its console: select's summary, check's
// table, conflicts and relaxation, verify's checks, compare's table,
// draw's, replace's and batch's summaries, errors in plain sentences, and
// the progress of long work.
//
// It owns the words of the console and nothing else: every function takes
// an io.Writer, the language (a message.Lang) and result values of package
// selection, and none computes, reads or writes a file. One function
// renders one kind of message, each sentence from a code of package
// message's catalog (the CLI… codes), in English or French, with the
// numbers written as the language writes them (message.Percent); reasons
// the library carries (conflicts, relaxations, exclusions, input errors,
// verify's checks) are rendered with Reason.In. LangOf finds the language
// from the environment; each command's manual is help/NAME.txt, in French
// help/fr/NAME.txt, and its flags' descriptions are the catalog's
// (message.FlagCode), so that cmd/tirage declares its flags without words.
package console
