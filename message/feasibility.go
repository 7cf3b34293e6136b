package message

// The reasons of package sortition: quota bounds, why bounds conflict,
// why people are excluded, relaxations, and why no panel or relaxation
// exists. {value} is a quota value named as `literacy "non-literate"`.
const (
	BoundMin     Code = "bound-min"     // limit, value
	BoundMax     Code = "bound-max"     // limit, value
	BoundExactly Code = "bound-exactly" // limit, value: a min and a max alike
	BoundBetween Code = "bound-between" // lo, hi, value: a min and a max
	NeedMin      Code = "need-min"      // limit, value: a min as a requirement
	NeedMax      Code = "need-max"      // limit, value: a max as a limit

	ConflictPanelSize      Code = "conflict-panel-size"      // k, pool
	ConflictHouseholds     Code = "conflict-households"      // pool, households, k
	ConflictMinAbovePool   Code = "conflict-min-above-pool"  // need, pool
	ConflictMinHouseholds  Code = "conflict-min-households"  // need, pool, households
	ConflictMaxOthers      Code = "conflict-max-others"      // need, seats, pool
	ConflictMaxHouseholds  Code = "conflict-max-households"  // need, seats, pool, households
	ConflictMinMax         Code = "conflict-min-max"         // a, b, need, with, without, pool
	ConflictTwoMins        Code = "conflict-two-mins"        // a, b, both, need, k
	ConflictTwoMaxes       Code = "conflict-two-maxes"       // a, b, neither, seats, k
	ConflictCategoryMins   Code = "conflict-category-mins"   // category, sum, mins, k
	ConflictCategoryMaxes  Code = "conflict-category-maxes"  // category, sum, parts, k
	TermMax                Code = "term-max"                 // n, value
	TermPool               Code = "term-pool"                // n, value
	ConflictBound          Code = "conflict-bound"           // k, bounds
	ConflictRange          Code = "conflict-range"           // k, bounds
	ConflictBounds         Code = "conflict-bounds"          // k, bounds
	ExcludedByMaxZero      Code = "excluded-max-zero"        // value
	ExcludedByBound        Code = "excluded-bound"           // bounds
	ExcludedByBounds       Code = "excluded-bounds"          // bounds
	Excluded               Code = "excluded"                 // values
	ExcludedBecause        Code = "excluded-because"         // values, why
	NoPanel                Code = "no-panel"                 // k
	NoRelaxation           Code = "no-relaxation"            //
	NoRelaxationHouseholds Code = "no-relaxation-households" // why
	TooFewReplacements     Code = "too-few-replacements"     // pool, k
	RelaxLowerMin          Code = "relax-lower-min"          // value, from, to
	RelaxRaiseMax          Code = "relax-raise-max"          // value, from, to
	Undecided              Code = "undecided"                // nodes
)

var _ = register(map[Code]entry{
	BoundMin: {"limit:n value:s",
		"at least {limit} {limit|person|people} with {value}",
		"au moins {limit} {limit|personne|personnes} avec {value}"},
	BoundMax: {"limit:n value:s",
		"at most {limit} {limit|person|people} with {value}",
		"au plus {limit} {limit|personne|personnes} avec {value}"},
	BoundExactly: {"limit:n value:s",
		"exactly {limit} {limit|person|people} with {value}",
		"exactement {limit} {limit|personne|personnes} avec {value}"},
	BoundBetween: {"lo:n hi:n value:s",
		"between {lo} and {hi} people with {value}",
		"entre {lo} et {hi} personnes avec {value}"},
	NeedMin: {"limit:n value:s",
		"at least {limit} {limit|person|people} with {value} {limit|is|are} required",
		"il faut au moins {limit} {limit|personne|personnes} avec {value}"},
	NeedMax: {"limit:n value:s",
		"at most {limit} {limit|person|people} with {value} {limit|is|are} allowed",
		"au plus {limit} {limit|personne|personnes} avec {value} {limit|est admise|sont admises}"},

	ConflictPanelSize: {"k:n pool:n",
		"no panel of {k} people can be drawn from the pool of {pool}",
		"aucun panel de {k} {k|personne|personnes} ne peut être tiré d'un vivier de {pool}"},
	ConflictHouseholds: {"pool:n households:n k:n",
		"the pool's {pool} people live in only {households} households, fewer than the panel's {k} seats, and a panel takes at most one person per household",
		"les {pool} personnes du vivier ne vivent que dans {households} foyers, moins que les {k} sièges du panel, et un panel compte au plus une personne par foyer"},
	ConflictMinAbovePool: {"need:r pool:n",
		"{need}, but the pool has only {pool}",
		"{need}, mais le vivier n'en compte que {pool}"},
	ConflictMinHouseholds: {"need:r pool:n households:n",
		"{need}; the pool has {pool}, but they live in only {households} households, and a panel takes at most one person per household",
		"{need} ; le vivier en compte {pool}, mais elles ne vivent que dans {households} foyers, et un panel compte au plus une personne par foyer"},
	ConflictMaxOthers: {"need:r seats:n pool:n",
		"{need}, so the other {seats} seats need people without it, but the pool has only {pool} such {pool|person|people}",
		"{need}, donc les {seats} autres sièges demandent des personnes qui ne l'ont pas, mais le vivier n'en compte que {pool}"},
	ConflictMaxHouseholds: {"need:r seats:n pool:n households:n",
		"{need}, so the other {seats} seats need people without it; the pool has {pool}, but they live in only {households} households, and a panel takes at most one person per household",
		"{need}, donc les {seats} autres sièges demandent des personnes qui ne l'ont pas ; le vivier en compte {pool}, mais elles ne vivent que dans {households} foyers, et un panel compte au plus une personne par foyer"},
	ConflictMinMax: {"a:r b:r need:n with:s without:s pool:n",
		"{a} and {b}, so at least {need} must have {with} without {without}, but the pool has only {pool} such {pool|person|people}",
		"{a} et {b}, donc au moins {need} doivent avoir {with} sans {without}, mais le vivier n'en compte que {pool}"},
	ConflictTwoMins: {"a:r b:r both:n need:n k:n",
		"{a} and {b}, but only {both} in the pool have both, so these mins need at least {need} seats, more than the panel's {k}",
		"{a} et {b}, mais seules {both} personnes du vivier ont les deux, donc ces minimums demandent au moins {need} sièges, plus que les {k} du panel"},
	ConflictTwoMaxes: {"a:r b:r neither:n seats:n k:n",
		"{a} and {b}, and the pool has only {neither} with neither, so at most {seats} seats can be filled, fewer than the panel's {k}",
		"{a} et {b}, et le vivier ne compte que {neither} personnes qui n'ont ni l'une ni l'autre, donc au plus {seats} sièges peuvent être pourvus, moins que les {k} du panel"},
	ConflictCategoryMins: {"category:s sum:n mins:l k:n",
		"the mins of {category} add up to {sum} ({mins:+}), more than the panel's {k} seats",
		"les minimums de {category} font {sum} au total ({mins:+}), plus que les {k} sièges du panel"},
	ConflictCategoryMaxes: {"category:s sum:n parts:l k:n",
		"the maxes of {category} and the pool allow at most {sum} people, {parts}, fewer than the panel's {k} seats",
		"les maximums de {category} et le vivier admettent au plus {sum} personnes, {parts}, moins que les {k} sièges du panel"},
	TermMax: {"n:n value:s",
		"{n} {value} (its max)",
		"{n} {value} (son max)"},
	TermPool: {"n:n value:s",
		"{n} {value} (all in the pool)",
		"{n} {value} (tout le vivier)"},
	ConflictBound: {"k:n bounds:l",
		"no panel of {k} from this pool has {bounds}",
		"aucun panel de {k} tiré de ce vivier ne compte {bounds}"},
	ConflictRange: {"k:n bounds:l",
		"no panel of {k} from this pool has {bounds}; with either bound alone it can be met",
		"aucun panel de {k} tiré de ce vivier ne compte {bounds} ; chacune des deux bornes seule peut être respectée"},
	ConflictBounds: {"k:n bounds:l",
		"no panel of {k} from this pool has, all at once, {bounds}; without any one of these bounds the others can be met",
		"aucun panel de {k} tiré de ce vivier ne compte à la fois {bounds} ; sans l'une quelconque de ces bornes, les autres peuvent être respectées"},
	ExcludedByMaxZero: {"value:s",
		"the quotas allow nobody with {value}",
		"les quotas n'admettent personne avec {value}"},
	ExcludedByBound: {"bounds:l",
		"no panel with one of them also has {bounds}",
		"aucun panel qui en compte une ne compte aussi {bounds}"},
	ExcludedByBounds: {"bounds:l",
		"no panel with one of them also has, all at once, {bounds}",
		"aucun panel qui en compte une ne compte aussi, à la fois, {bounds}"},
	Excluded: {"values:s",
		"no panel that meets the quotas can include anyone with {values}",
		"aucun panel qui respecte les quotas ne peut comprendre une personne avec {values}"},
	ExcludedBecause: {"values:s why:r",
		"no panel that meets the quotas can include anyone with {values}: {why}",
		"aucun panel qui respecte les quotas ne peut comprendre une personne avec {values} : {why}"},
	NoPanel: {"k:n",
		"no panel of {k} people meets all the quotas",
		"aucun panel de {k} {k|personne|personnes} ne respecte tous les quotas"},
	NoRelaxation: {"",
		"no relaxation of the quotas within their min_flex and max_flex lets a panel meet them",
		"aucun assouplissement des quotas dans les limites de leurs min_flex et max_flex ne permet à un panel de les respecter"},
	NoRelaxationHouseholds: {"why:r",
		"no relaxation of the quotas helps: {why}",
		"aucun assouplissement des quotas n'y suffit : {why}"},
	TooFewReplacements: {"pool:n k:n",
		"only {pool} people can replace the {k} who withdrew",
		"seules {pool} personnes peuvent remplacer les {k} qui se sont retirées"},
	RelaxLowerMin: {"value:s from:n to:n",
		"lower the min of {value} from {from} to {to}",
		"abaisser le min de {value} de {from} à {to}"},
	RelaxRaiseMax: {"value:s from:n to:n",
		"raise the max of {value} from {from} to {to}",
		"relever le max de {value} de {from} à {to}"},
	Undecided: {"nodes:n",
		"the exact search could not decide whether the quotas can be met within {nodes} branch-and-bound nodes",
		"la recherche exacte n'a pas pu décider en {nodes} nœuds de séparation et évaluation si les quotas peuvent être respectés"},
})

// The reasons of quota.Set.CountingProblems and selection.CountingError:
// what counting alone shows impossible.
const (
	CountMinAbovePool    Code = "count-min-above-pool"    // value, min, pool
	CountMinsAboveK      Code = "count-mins-above-k"      // category, sum, k
	CountMaxesBelowK     Code = "count-maxes-below-k"     // category, sum, k
	CountTooFewAvailable Code = "count-too-few-available" // category, available, k
	CountingUnmet        Code = "counting-unmet"          // problems
)

var _ = register(map[Code]entry{
	CountMinAbovePool: {"value:s min:n pool:n",
		"{value}: at least {min} required, but the pool has only {pool}",
		"{value} : au moins {min} requises, mais le vivier n'en compte que {pool}"},
	CountMinsAboveK: {"category:s sum:n k:n",
		"{category}: the mins add up to {sum}, more than the panel size {k}",
		"{category} : les minimums font {sum} au total, plus que la taille du panel, {k}"},
	CountMaxesBelowK: {"category:s sum:n k:n",
		"{category}: the maxes add up to {sum}, less than the panel size {k}",
		"{category} : les maximums font {sum} au total, moins que la taille du panel, {k}"},
	CountTooFewAvailable: {"category:s available:n k:n",
		"{category}: within the maxes the pool offers only {available} people, fewer than the panel size {k}",
		"{category} : dans la limite des maximums, le vivier n'offre que {available} personnes, moins que la taille du panel, {k}"},
	CountingUnmet: {"problems:l",
		"the quotas cannot be met: {problems:;}",
		"les quotas ne peuvent pas être respectés : {problems:;}"},
})

// UnknownObjective: a name that is none of the objectives'.
const UnknownObjective Code = "unknown-objective" // names, last, name

var _ = register(map[Code]entry{
	UnknownObjective: {"names:s last:s name:s",
		"the algorithm must be {names} or {last}, not {name}",
		"l'algorithme doit être {names} ou {last}, et non {name}"},
})
