package message

// The reasons of a batch manifest's rows (selection.ParseManifest) and of a
// partner's run that failed inside tirage.
const (
	ManifestEmptyPool   Code = "manifest-empty-pool"   //
	ManifestEmptyQuotas Code = "manifest-empty-quotas" //
	ManifestKBelowOne   Code = "manifest-k-below-one"  // k
	ManifestYesNo       Code = "manifest-yes-no"       // column, value
	ManifestField       Code = "manifest-field"        // field, error
	BatchInternal       Code = "batch-internal"        // error

	// A manifest that cannot be used at all.
	ManifestUnreadable     Code = "manifest-unreadable"      // file, error
	ManifestTwoColumns     Code = "manifest-two-columns"     // file, column
	ManifestUnknownColumn  Code = "manifest-unknown-column"  // file, column, columns
	ManifestMissingColumns Code = "manifest-missing-columns" // file, columns
	ManifestNoPartner      Code = "manifest-no-partner"      // file
	ManifestBadName        Code = "manifest-bad-name"        // file, line, problem, rule
	ManifestBadNames       Code = "manifest-bad-names"       // file, n, problems, more, rule
	ManifestNameLine       Code = "manifest-name-line"       // line, error
	ManifestNamesMore      Code = "manifest-names-more"      // n
	// What is wrong with a partner name (selection.CheckPartnerName).
	PartnerNameRule     Code = "partner-name-rule"     //
	PartnerNameEmpty    Code = "partner-name-empty"    //
	PartnerNameLong     Code = "partner-name-long"     // start, n, max
	PartnerNameHolds    Code = "partner-name-holds"    // name, char
	PartnerNameDot      Code = "partner-name-dot"      // name
	PartnerNameReserved Code = "partner-name-reserved" // name, base
	PartnerRepeated     Code = "partner-repeated"      // partner, first
)

var _ = register(map[Code]entry{
	ManifestEmptyPool:   {"", "the pool is empty in the manifest", "le vivier est vide dans le manifeste"},
	ManifestEmptyQuotas: {"", "the quotas are empty in the manifest", "les quotas sont vides dans le manifeste"},
	ManifestKBelowOne:   {"k:n", "k must be at least 1, not {k}", "k doit valoir au moins 1, et non {k}"},
	ManifestYesNo:       {"column:s value:s", "{column} must be yes or no, not {value}", "{column} doit valoir yes ou no, et non {value}"},
	ManifestField:       {"field:s error:r", "{field}: {error}", "{field} : {error}"},
	BatchInternal: {"error:s",
		"internal error: {error} (a bug in tirage; please report it)",
		"erreur interne : {error} (un défaut de tirage ; signalez-le, s'il vous plaît)"},

	ManifestUnreadable: {"file:s error:r", "{file}: {error}", "{file} : {error}"},
	ManifestTwoColumns: {"file:s column:s",
		"{file}: the header has two columns named {column}",
		"{file} : l'en-tête a deux colonnes nommées {column}"},
	ManifestUnknownColumn: {"file:s column:s columns:s",
		"{file}: the column {column} is not a manifest column; the columns are {columns}",
		"{file} : la colonne {column} n'est pas une colonne de manifeste ; les colonnes sont {columns}"},
	ManifestMissingColumns: {"file:s columns:l",
		"{file}: the header has no {columns} column (a manifest needs partner, pool, quotas and k)",
		"{file} : l'en-tête n'a pas de colonne {columns} (un manifeste demande partner, pool, quotas et k)"},
	ManifestNoPartner: {"file:s",
		"{file}: the manifest has no partner: add one row per partner under the header",
		"{file} : le manifeste n'a aucun partenaire : ajoutez une ligne par partenaire sous l'en-tête"},
	ManifestBadName: {"file:s line:n problem:r rule:r",
		"{file}, line {line}: {problem}\nA partner name names its folder, on every system: {rule}.",
		"{file}, ligne {line} : {problem}\nUn nom de partenaire nomme son dossier, sur tout système : {rule}."},
	ManifestBadNames: {"file:s n:n problems:l more:r rule:r",
		"{file}: {n} partner names cannot be used:\n{problems:\n}{more}\nA partner name names its folder, on every system: {rule}.",
		"{file} : {n} noms de partenaires ne peuvent pas servir :\n{problems:\n}{more}\nUn nom de partenaire nomme son dossier, sur tout système : {rule}."},
	ManifestNameLine:  {"line:n error:r", "  line {line}: {error}", "  ligne {line} : {error}"},
	ManifestNamesMore: {"n:n", "\n  … and {n} more", "\n  … et {n} autres"},
	PartnerNameRule: {"",
		"it uses only letters (a-z, A-Z), digits, -, _ and . (no spaces), at most 64 of them; it does not start or end with a dot; " +
			"and it is not summary nor a name Windows reserves (CON, PRN, AUX, NUL, COM0 to COM9, LPT0 to LPT9), in any case and with any extension",
		"il n'utilise que des lettres (a-z, A-Z), des chiffres, -, _ et . (pas d'espace), au plus 64 ; il ne commence ni ne finit par un point ; " +
			"et ce n'est ni summary ni un nom que Windows réserve (CON, PRN, AUX, NUL, COM0 à COM9, LPT0 à LPT9), quelle que soit la casse et avec n'importe quelle extension"},
	PartnerNameEmpty: {"", "the partner name is empty", "le nom du partenaire est vide"},
	PartnerNameLong: {"start:s n:n max:n",
		"the partner name {start}… is {n} characters long, more than {max}",
		"le nom du partenaire {start}… compte {n} caractères, plus que {max}"},
	PartnerNameHolds: {"name:s char:s",
		"the partner name {name} holds {char}, which a partner name cannot hold",
		"le nom du partenaire {name} contient {char}, qu'un nom de partenaire ne peut pas contenir"},
	PartnerNameDot: {"name:s",
		"the partner name {name} starts or ends with a dot",
		"le nom du partenaire {name} commence ou finit par un point"},
	PartnerNameReserved: {"name:s base:s",
		"the partner name {name} is reserved ({base})",
		"le nom du partenaire {name} est réservé ({base})"},
	PartnerRepeated: {"partner:s first:n",
		"the partner {partner} is already on line {first}; each partner needs its own folder",
		"le partenaire {partner} est déjà à la ligne {first} ; chaque partenaire a besoin de son propre dossier"},
})
