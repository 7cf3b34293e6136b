package message

// The names of what long work is doing, shown in progress lines: the
// engine's phases (sortition.Progress.Phase), the dropout search's stages,
// draw's phases and what verify checks (audit.VerifyInput.Progress). The
// library gives a phase by its stable name, or by its code; Phase makes a
// reason of either.
const (
	PhaseCoverage          Code = "phase-coverage"           //
	PhaseRelaxation        Code = "phase-relaxation"         //
	PhaseDecomposition     Code = "phase-decomposition"      //
	PhaseColumnGeneration  Code = "phase-column-generation"  //
	PhaseLeximinLevel      Code = "phase-leximin-level"      //
	PhaseLeximinColumns    Code = "phase-leximin-columns"    //
	PhaseInteriorPoint     Code = "phase-interior-point"     //
	PhaseNashColumns       Code = "phase-nash-columns"       //
	PhaseGoldilocks        Code = "phase-goldilocks"         //
	PhaseGoldilocksColumns Code = "phase-goldilocks-columns" //
	PhaseLegacyRuns        Code = "phase-legacy-runs"        //
	PhaseGreedy            Code = "phase-greedy"             //
	PhaseSwap              Code = "phase-swap"               //
	PhaseOrder             Code = "phase-order"              //
	// Verbatim is a name the catalog does not know (a phase, a separator),
	// said as it is in every language.
	Verbatim Code = "verbatim" // name

	// What verify checks, as audit.Verify goes (audit.VerifyInput's
	// Progress is given these codes).
	VerifyingRecord         Code = "verifying-record"          //
	VerifyingForm           Code = "verifying-form"            //
	VerifyingChain          Code = "verifying-chain"           //
	VerifyingQuotaFile      Code = "verifying-quota-file"      //
	VerifyingPoolFile       Code = "verifying-pool-file"       //
	VerifyingExact          Code = "verifying-exact"           //
	VerifyingExclusions     Code = "verifying-exclusions"      //
	VerifyingCertificate    Code = "verifying-certificate"     //
	VerifyingLevels         Code = "verifying-levels"          //
	VerifyingUniform        Code = "verifying-uniform"         //
	VerifyingCommitment     Code = "verifying-commitment"      //
	VerifyingDropouts       Code = "verifying-dropouts"        //
	VerifyingCSV            Code = "verifying-csv"             //
	VerifyingReports        Code = "verifying-reports"         //
	VerifyingFromAlternates Code = "verifying-from-alternates" //
)

var _ = register(map[Code]entry{
	PhaseCoverage:          {"", "coverage", "couverture"},
	PhaseRelaxation:        {"", "relaxation", "relaxation linéaire"},
	PhaseDecomposition:     {"", "decomposition", "décomposition"},
	PhaseColumnGeneration:  {"", "column generation", "génération de colonnes"},
	PhaseLeximinLevel:      {"", "leximin level", "niveau leximin"},
	PhaseLeximinColumns:    {"", "leximin column generation", "génération de colonnes leximin"},
	PhaseInteriorPoint:     {"", "interior point", "point intérieur"},
	PhaseNashColumns:       {"", "nash column generation", "génération de colonnes nash"},
	PhaseGoldilocks:        {"", "goldilocks", "recherche goldilocks"},
	PhaseGoldilocksColumns: {"", "goldilocks column generation", "génération de colonnes goldilocks"},
	PhaseLegacyRuns:        {"", "legacy runs", "exécutions legacy"},
	PhaseGreedy:            {"", "greedy", "choix glouton"},
	PhaseSwap:              {"", "swap", "échanges"},
	PhaseOrder:             {"", "order", "ordre d'appel"},
	Verbatim:               {"name:s", "{name}", "{name}"},

	VerifyingRecord:      {"", "the record", "le registre"},
	VerifyingForm:        {"", "the record's form and tables", "la forme et les tables du registre"},
	VerifyingChain:       {"", "the selections it replaces", "les sélections qu'il remplace"},
	VerifyingQuotaFile:   {"", "the quota file", "le fichier de quotas"},
	VerifyingPoolFile:    {"", "the pool file", "le fichier du vivier"},
	VerifyingExact:       {"", "the exact lottery", "la loterie exacte"},
	VerifyingExclusions:  {"", "the exclusions", "les exclusions"},
	VerifyingCertificate: {"", "the optimality certificate (exact search)", "le certificat d'optimalité (recherche exacte)"},
	VerifyingLevels:      {"", "the leximin levels (exact searches)", "les niveaux leximin (recherches exactes)"},
	VerifyingUniform:     {"", "the uniform lottery", "la loterie uniforme"},
	VerifyingCommitment:  {"", "the commitment and the draw", "l'engagement et le tirage"},
	VerifyingDropouts: {"",
		"the alternates for dropouts (scenarios regenerated, replacement steps re-solved)",
		"les suppléants pour les désistements (scénarios régénérés, étapes de remplacement résolues de nouveau)"},
	VerifyingCSV:            {"", "the CSV files", "les fichiers CSV"},
	VerifyingReports:        {"", "the reports", "les rapports"},
	VerifyingFromAlternates: {"", "the replacement from the alternates", "le remplacement par les suppléants"},
})

// phases are the codes of the phases the library names in words.
var phases = map[string]Code{
	"coverage":                             PhaseCoverage,
	"relaxation":                           PhaseRelaxation,
	"decomposition":                        PhaseDecomposition,
	"column generation":                    PhaseColumnGeneration,
	"leximin level":                        PhaseLeximinLevel,
	"leximin column generation":            PhaseLeximinColumns,
	"interior point":                       PhaseInteriorPoint,
	"nash column generation":               PhaseNashColumns,
	"goldilocks":                           PhaseGoldilocks,
	"goldilocks column generation":         PhaseGoldilocksColumns,
	"legacy runs":                          PhaseLegacyRuns,
	"greedy":                               PhaseGreedy,
	"swap":                                 PhaseSwap,
	"order":                                PhaseOrder,
	"reading the committed lottery":        CLIPhaseReadLottery,
	"reading the pool file":                CLIPhaseReadPool,
	"drawing":                              CLIPhaseDrawing,
	"choosing the alternates for dropouts": CLIPhaseDropouts,
	"writing the files":                    CLIPhaseWriting,
}

// Phase returns the reason that names a phase of long work, given by its
// code (a Verifying… code) or by the name the library gives it (an engine
// phase such as "column generation", a dropout stage, a draw phase). Its
// English rendering is the name; a name this catalog does not know is
// rendered as it is, in both languages.
func Phase(name string) Reason {
	if _, ok := catalog[Code(name)]; ok {
		return New(Code(name))
	}
	if code, ok := phases[name]; ok {
		return New(code)
	}
	return New(Verbatim, "name", name)
}
