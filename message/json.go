package message

// The reasons a JSON request cannot be read or served
// (selection.ParseRequest, selection.Select, selection.HandleJSON).
const (
	JSONUnreadable     Code = "json-unreadable"     // error
	JSONTheRequest     Code = "json-the-request"    //
	JSONWrongType      Code = "json-wrong-type"     // where, kind, value
	JSONEmpty          Code = "json-empty"          // where
	JSONSyntax         Code = "json-syntax"         // where, error
	JSONUnknownMember  Code = "json-unknown-member" // where, name, members
	JSONAt             Code = "json-at"             // where, error
	JSONTrailing       Code = "json-trailing"       //
	JSONKindList       Code = "json-kind-list"      //
	JSONKindObject     Code = "json-kind-object"    //
	JSONKindText       Code = "json-kind-text"      //
	JSONKindWhole      Code = "json-kind-whole"     //
	JSONKindBool       Code = "json-kind-bool"      //
	JSONNoPool         Code = "json-no-pool"        //
	JSONNoQuotas       Code = "json-no-quotas"      //
	JSONNoK            Code = "json-no-k"           //
	JSONKNotWhole      Code = "json-k-not-whole"    // value
	JSONSeedNotText    Code = "json-seed-not-text"  // value
	JSONNotList        Code = "json-not-list"       // name
	JSONPersonNotObj   Code = "json-person-not-object"
	JSONColumnTwice    Code = "json-column-twice"     // column
	JSONValueNotText   Code = "json-value-not-text"   // column
	JSONPanelsBelowOne Code = "json-panels-below-one" // n
	JSONCommitSeed     Code = "json-commit-seed"      //
	JSONNoSeed         Code = "json-no-seed"          //
	JSONSeedSource     Code = "json-seed-source"      //
	JSONPoolEmpty      Code = "json-pool-empty"       //
	JSONQuotasEmpty    Code = "json-quotas-empty"     //
	JSONColumnBreak    Code = "json-column-break"     // column
)

var _ = register(map[Code]entry{
	JSONUnreadable: {"error:r", "cannot read the request: {error}", "impossible de lire la requête : {error}"},
	JSONTheRequest: {"", "the request", "la requête"},
	JSONWrongType: {"where:r kind:r value:s",
		"{where} must be {kind}, not a JSON {value}",
		"{where} doit être {kind}, et non une valeur JSON de type {value}"},
	JSONEmpty:  {"where:r", "{where} is empty: give a JSON object", "{where} est vide : donnez un objet JSON"},
	JSONSyntax: {"where:r error:s", "{where} is not valid JSON: {error}", "{where} n'est pas du JSON valide : {error}"},
	JSONUnknownMember: {"where:r name:s members:l",
		"{where} has an unknown member {name}; its members are {members}",
		"{where} a un membre inconnu, {name} ; ses membres sont {members}"},
	JSONAt:         {"where:r error:r", "{where}: {error}", "{where} : {error}"},
	JSONTrailing:   {"", "data after the JSON value", "des données suivent la valeur JSON"},
	JSONKindList:   {"", "a list", "une liste"},
	JSONKindObject: {"", "an object", "un objet"},
	JSONKindText:   {"", "text", "du texte"},
	JSONKindWhole:  {"", "a whole number", "un nombre entier"},
	JSONKindBool:   {"", "true or false", "true ou false"},
	JSONNoPool: {"",
		`the request has no "pool": give the people as a list of objects of column → text`,
		`la requête n'a pas de "pool" : donnez les personnes sous forme de liste d'objets colonne → texte`},
	JSONNoQuotas: {"object:s",
		`the request has no "quotas": give a list of {object} objects`,
		`la requête n'a pas de "quotas" : donnez une liste d'objets {object}`},
	JSONNoK:         {"", `the request has no "k": give the panel size`, `la requête n'a pas de "k" : donnez la taille du panel`},
	JSONKNotWhole:   {"value:s", `"k" must be a whole number, not {value}`, `"k" doit être un nombre entier, et non {value}`},
	JSONSeedNotText: {"value:s", `"seed" must be text, not {value}`, `"seed" doit être du texte, et non {value}`},
	JSONNotList:     {"name:s", "{name} must be a list of objects", "{name} doit être une liste d'objets"},
	JSONPersonNotObj: {"",
		"a person must be an object of column names and texts",
		"une personne doit être un objet de noms de colonnes et de textes"},
	JSONColumnTwice: {"column:s", "the column {column} is given twice", "la colonne {column} est donnée deux fois"},
	JSONValueNotText: {"column:s",
		"the value of {column} must be text (a string or a number), not an object or a list",
		"la valeur de {column} doit être du texte (une chaîne ou un nombre), et non un objet ou une liste"},
	JSONPanelsBelowOne: {"n:n", `"options.panels" must be at least 1, not {n}`, `"options.panels" doit valoir au moins 1, et non {n}`},
	JSONCommitSeed: {"",
		`"options.commit_only" draws nothing: leave out the seed, and draw once it is public`,
		`"options.commit_only" ne tire rien : retirez la graine, et tirez une fois qu'elle est publique`},
	JSONNoSeed: {"",
		`the request has no "seed": give the seed text of the draw (or "options.commit_only": true)`,
		`la requête n'a pas de "seed" : donnez le texte de la graine du tirage (ou "options.commit_only": true)`},
	JSONSeedSource: {"",
		`"options.seed_source" names where an announced seed comes from, but the request has no seed and tirage would generate one: give "seed" or "options.seed_numbers", or "options.commit_only"`,
		`"options.seed_source" dit d'où vient une graine annoncée, mais la requête n'a pas de graine et tirage en produirait une : donnez "seed" ou "options.seed_numbers", ou "options.commit_only"`},
	JSONPoolEmpty: {"", `"pool" is empty: give one object per person`, `"pool" est vide : donnez un objet par personne`},
	JSONQuotasEmpty: {"object:s",
		`"quotas" is empty: give one {object} object per quota value`,
		`"quotas" est vide : donnez un objet {object} par valeur de quota`},
	JSONColumnBreak: {"column:s", "pool: the column name {column} holds a line break", "pool : le nom de colonne {column} contient un saut de ligne"},
})
