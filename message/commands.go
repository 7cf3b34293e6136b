package message

// Sentences of the tirage command that its commands used to print in
// English only.
const (
	CLIModelWritten Code = "cli-model-written" // file
	CLIComparePanel Code = "cli-compare-panel" // algorithm, seed
)

var _ = register(map[Code]entry{
	CLIModelWritten: {"file:s", "Written: {file}", "Écrit : {file}"},
	CLIComparePanel: {"algorithm:s seed:s",
		"Panel:  drawn from the {algorithm} lottery with the seed {seed} (an illustration: nothing is written)",
		"Panel :  tiré de la loterie {algorithm} avec la graine {seed} (une illustration : rien n'est écrit)"},
})
