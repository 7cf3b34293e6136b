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
	AlternatesTooMany: {"n:n off:n k:n pool:n",
		"{n} alternates asked for, but only {off} people are off a panel of {k} from {pool}",
		"{n} suppléants demandés, mais seules {off} personnes sont hors d'un panel de {k} parmi {pool}"},
})
