package message

// Sentences of the tirage command that its commands used to print in
// English only.
const (
	CLIModelWritten Code = "cli-model-written" // file
	CLIComparePanel Code = "cli-compare-panel" // algorithm, seed
	// SettingsSeedBoth: a selection's settings give both kinds of seed
	// (selection.Settings), named as the flags or the JSON members.
	SettingsSeedBoth Code = "settings-seed-both" // seed, numbers
)

var _ = register(map[Code]entry{
	SettingsSeedBoth: {"seed:s numbers:s", "give {seed} or {numbers}, not both", "donnez {seed} ou {numbers}, pas les deux"},
	CLIModelWritten:  {"file:s", "Written: {file}", "Écrit : {file}"},
	CLIComparePanel: {"algorithm:s seed:s",
		"Panel:  drawn from the {algorithm} lottery with the seed {seed} (an illustration: nothing is written)",
		"Panel :  tiré de la loterie {algorithm} avec la graine {seed} (une illustration : rien n'est écrit)"},
})
