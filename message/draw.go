package message

// The reasons a draw of a committed lottery is refused (selection.Draw,
// audit.Record.DrawSeed).
const (
	DrawAlreadyDrawn     Code = "draw-already-drawn"      //
	DrawDrawnOnce        Code = "draw-drawn-once"         // seed, index
	DrawSeedKind         Code = "draw-seed-kind"          // seed, why
	DrawCannot           Code = "draw-cannot"             // error
	DrawAlternatesRange  Code = "draw-alternates-range"   // max, n
	DrawPoolNotCommitted Code = "draw-pool-not-committed" // file, got, want
	DrawQuotaTable       Code = "draw-quota-table"        // error
	DrawPoolUnreadable   Code = "draw-pool-unreadable"    // file, error
	// The alternates a selection asks for (selection.Run).
	AlternatesTooMany Code = "alternates-too-many" // n, off, k, pool
	// A selection's settings as a Go caller or a JSON request gives them
	// (selection.Run; the flags' own words are CLI… codes), and compare's
	// list of objectives (selection.ParseAlgorithms).
	RunPanelsRange      Code = "run-panels-range"       // max, n
	RunCommitSeed       Code = "run-commit-seed"        //
	RunSeedEmpty        Code = "run-seed-empty"         //
	RunSourceNotUTF8    Code = "run-source-not-utf8"    //
	RunGeneratedSource  Code = "run-generated-source"   //
	RunAlternatesBelow0 Code = "run-alternates-below-0" // n
	RunCommitAlternates Code = "run-commit-alternates"  //
	ObjectivesNoneNamed Code = "objectives-none-named"  // names
)

var _ = register(map[Code]entry{
	DrawAlreadyDrawn: {"", "the lottery has already been drawn", "la loterie a déjà été tirée"},
	DrawDrawnOnce: {"seed:s index:n",
		"the lottery has already been drawn (seed {seed}, panel {index}); a committed lottery is drawn once",
		"la loterie a déjà été tirée (graine {seed}, panel {index}) ; une loterie engagée n'est tirée qu'une fois"},
	DrawSeedKind: {"seed:s why:r", "the seed {seed}: {why}", "la graine {seed} : {why}"},
	DrawCannot:   {"error:r", "cannot draw: {error}", "tirage impossible : {error}"},
	DrawAlternatesRange: {"max:n n:n",
		"--alternates must be between 0 and {max}, the number of people off the panel, not {n}",
		"--alternates doit être entre 0 et {max}, le nombre de personnes hors du panel, et non {n}"},
	DrawPoolNotCommitted: {"file:s got:s want:s",
		"the pool file {file} is not the one the lottery was committed with: its SHA-256 is {got}, the committed one {want}",
		"le fichier du vivier {file} n'est pas celui avec lequel la loterie a été engagée : son SHA-256 est {got}, celui engagé {want}"},
	DrawQuotaTable: {"error:r", "the record's quota table is invalid: {error}", "la table des quotas du registre n'est pas valide : {error}"},
	DrawPoolUnreadable: {"file:s error:r",
		"the pool file {file} cannot be read as it was at the commitment: {error}",
		"le fichier du vivier {file} ne peut pas être lu comme il l'a été à l'engagement : {error}"},
	RunPanelsRange: {"max:n n:n",
		"the number of panels must be between 1 and {max}, not {n}",
		"le nombre de panels doit être entre 1 et {max}, et non {n}"},
	RunCommitSeed: {"",
		"a selection that is only committed draws nothing: leave out the seed",
		"une sélection seulement engagée ne tire rien : ne donnez pas la graine"},
	RunSeedEmpty: {"",
		"the seed is empty; give the seed text, or commit only",
		"la graine est vide ; donnez le texte de la graine, ou engagez seulement"},
	RunSourceNotUTF8: {"",
		"the seed's source is not valid UTF-8 text",
		"la source de la graine n'est pas un texte UTF-8 valide"},
	RunGeneratedSource: {"",
		"a seed that tirage generates has no source to announce: leave out the seed's source, or give the announced seed",
		"une graine que tirage génère n'a pas de source à annoncer : ne donnez pas la source de la graine, ou donnez la graine annoncée"},
	RunAlternatesBelow0: {"n:n",
		"the number of alternates must be 0 or more, not {n}",
		"le nombre de suppléants doit valoir 0 ou plus, et non {n}"},
	RunCommitAlternates: {"",
		"a selection that is only committed draws no alternates: ask for them at the draw",
		"une sélection seulement engagée ne tire pas de suppléants : demandez-les au tirage"},
	ObjectivesNoneNamed: {"names:s",
		"no objective is named; choose among {names}",
		"aucun objectif n'est nommé ; choisissez parmi {names}"},
	AlternatesTooMany: {"n:n off:n k:n pool:n",
		"{n} alternates asked for, but only {off} people are off a panel of {k} from {pool}",
		"{n} suppléants demandés, mais seules {off} personnes sont hors d'un panel de {k} parmi {pool}"},
})
