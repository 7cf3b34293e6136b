package message

// The reasons of input errors: what is wrong in a pool or a quota file
// (quota.InputError) or in how it is written (table.SyntaxError). Names
// and values read from a file are given quoted ({column}, {value}, …).
const (
	// Where an input error is, and how many more lines share it.
	InputAt        Code = "input-at"         // file, place, column, reason, more
	InputProblems  Code = "input-problems"   // problems: one a line
	InputLine      Code = "input-line"       // line
	InputSheetRow  Code = "input-sheet-row"  // sheet, line
	InputSheet     Code = "input-sheet"      // sheet
	InputColumn    Code = "input-column"     // column
	InputMoreLines Code = "input-more-lines" // n
	InputMoreRows  Code = "input-more-rows"  // n: in a workbook
	InputMore      Code = "input-more"       // n: errors not kept
	DidYouMean     Code = "did-you-mean"     // name
	WhereLine      Code = "where-line"       // line
	WhereLines     Code = "where-lines"      // lines
	WhereLinesMore Code = "where-lines-more" // lines, more
	// The same in a workbook, whose lines are rows (as InputSheetRow).
	WhereRow      Code = "where-row"       // line
	WhereRows     Code = "where-rows"      // lines
	WhereRowsMore Code = "where-rows-more" // lines, more
	// The separators of a delimited text file (table.DelimiterName).
	DelimiterComma     Code = "delimiter-comma"     //
	DelimiterSemicolon Code = "delimiter-semicolon" //
	DelimiterTab       Code = "delimiter-tab"       //
	// The panel size, where an input error names it in place of a file.
	InputPanelSize Code = "input-panel-size" //
	// A list cut after its first items (table.QuoteList, LineList).
	ListItems Code = "list-items" // items, more
	ListMore  Code = "list-more"  // n

	// Notices: how a file was read.
	NoticeEncoding   Code = "notice-encoding"    // file, encoding
	NoticeSheet      Code = "notice-sheet"       // file, sheet
	NoticeRowNumbers Code = "notice-row-numbers" // file, column

	// Quota files.
	QuotaFieldCount     Code = "quota-field-count"      // fields, columns
	QuotaNoRows         Code = "quota-no-rows"          //
	QuotaUnknownHeader  Code = "quota-unknown-header"   // header, known
	QuotaTwoColumns     Code = "quota-two-columns"      // column, a, b
	QuotaNoColumn       Code = "quota-no-column"        // column, dialect
	QuotaEmptyCategory  Code = "quota-empty-category"   //
	QuotaEmptyValue     Code = "quota-empty-value"      //
	QuotaEmptyBound     Code = "quota-empty-bound"      // column
	QuotaBadBound       Code = "quota-bad-bound"        // column, text
	QuotaShareAndBounds Code = "quota-share-and-bounds" //
	QuotaToleranceAlone Code = "quota-tolerance-alone"  //
	QuotaMinAboveMax    Code = "quota-min-above-max"    // min, max
	QuotaMinFlex        Code = "quota-min-flex"         // flex, min
	QuotaMaxFlex        Code = "quota-max-flex"         // flex, max
	QuotaDuplicate      Code = "quota-duplicate"        // category, value, line
	QuotaShareSum       Code = "quota-share-sum"        // category, sum
	QuotaShareText      Code = "quota-share-text"       // text
	QuotaShareOver100   Code = "quota-share-over-100"   // text
	QuotaShareOver1     Code = "quota-share-over-1"     // text
	DuplicateColumn     Code = "duplicate-column"       // column

	// Pools.
	PoolNoIDColumn       Code = "pool-no-id-column"       // column, suggest, columns
	PoolEmpty            Code = "pool-empty"              //
	PoolFieldCount       Code = "pool-field-count"        // fields, columns, separator
	PoolDuplicateID      Code = "pool-duplicate-id"       // id, line
	PoolDuplicateIDRow   Code = "pool-duplicate-id-row"   // id, line: in a workbook
	PoolEmptyID          Code = "pool-empty-id"           //
	HouseholdColumn      Code = "household-column"        // column, suggest, columns
	PoolEmptyValue       Code = "pool-empty-value"        // category
	PoolNoCategoryColumn Code = "pool-no-category-column" // category, suggest, columns
	PoolNoBand           Code = "pool-no-band"            // n, category, bands
	PoolTwoBands         Code = "pool-two-bands"          // n, category, a, aline, b, bline
	PoolValueNotInPool   Code = "pool-value-not-in-pool"  // category, value, suggest, n, column, where
	PoolNotInQuotas      Code = "pool-not-in-quotas"      //
	PoolUnknownValue     Code = "pool-unknown-value"      // value, category, suggest, lines, values
	PoolUnknownNumber    Code = "pool-unknown-number"     // value, category, suggest, lines, values
	PoolLinesHaveIt      Code = "pool-lines-have-it"      // n, where
	PoolRowsHaveIt       Code = "pool-rows-have-it"       // n, where: in a workbook
	PoolQuotaValues      Code = "pool-quota-values"       // category, values
	PanelSizeBelowOne    Code = "panel-size-below-one"    // k
	PanelSizeAbovePool   Code = "panel-size-above-pool"   // k, pool

	// Files that cannot be read as a table.
	TableSheetNotWorkbook Code = "table-sheet-not-workbook" // sheet
	TableEmpty            Code = "table-empty"              //
	TableQuote            Code = "table-quote"              // line, char
	TableBareQuote        Code = "table-bare-quote"         // line, char
	TableDetail           Code = "table-detail"             // detail: a library's own words
	TableAtLine           Code = "table-at-line"            // line, problem
	TableNotUTF8          Code = "table-not-utf8"           //
	TableBadUTF16         Code = "table-bad-utf16"          // detail
	TableOldExcel         Code = "table-old-excel"          //
	TableEncoding         Code = "table-encoding"           //
	TableBinary           Code = "table-binary"             // byte, offset
	TableODS              Code = "table-ods"                //
	TableBadXLSX          Code = "table-bad-xlsx"           // detail
	TableNoSheets         Code = "table-no-sheets"          //
	TableNoSheet          Code = "table-no-sheet"           // sheet, sheets
	TableSheetUnreadable  Code = "table-sheet-unreadable"   // sheet, detail
	TableRowUnreadable    Code = "table-row-unreadable"     // sheet, row, detail
	TableUnzipsTooLarge   Code = "table-unzips-too-large"   // mb
	TableSheetEmpty       Code = "table-sheet-empty"        // sheet
)

var _ = register(map[Code]entry{
	InputAt:            {"file:r place:r column:r reason:r more:r", "{file}{place}{column}: {reason}{more}", "{file}{place}{column} : {reason}{more}"},
	InputProblems:      {"problems:l", "{problems:\n}", "{problems:\n}"},
	InputLine:          {"line:n", ", line {line}", ", ligne {line}"},
	InputSheetRow:      {"sheet:s line:n", ", sheet {sheet}, row {line}", ", feuille {sheet}, ligne {line}"},
	InputSheet:         {"sheet:s", ", sheet {sheet}", ", feuille {sheet}"},
	InputColumn:        {"column:s", ", column {column}", ", colonne {column}"},
	InputMoreLines:     {"n:n", " (and {n} more {n|line|lines} with the same problem)", " (et {n} autres {n|ligne|lignes} avec le même problème)"},
	InputMoreRows:      {"n:n", " (and {n} more {n|row|rows} with the same problem)", " (et {n} autres {n|ligne|lignes} de la feuille avec le même problème)"},
	InputMore:          {"n:n", "… and {n} more errors", "… et {n} autres erreurs"},
	DidYouMean:         {"name:s", " (did you mean {name}?)", " (vouliez-vous dire {name} ?)"},
	WhereLine:          {"line:n", "line {line}", "ligne {line}"},
	WhereLines:         {"lines:r", "lines {lines}", "lignes {lines}"},
	WhereLinesMore:     {"lines:r more:n", "lines {lines} and {more} more", "lignes {lines} et {more} autres"},
	WhereRow:           {"line:n", "row {line}", "ligne {line}"},
	WhereRows:          {"lines:r", "rows {lines}", "lignes {lines}"},
	WhereRowsMore:      {"lines:r more:n", "rows {lines} and {more} more", "lignes {lines} et {more} autres"},
	DelimiterComma:     {"", "comma", "virgule"},
	DelimiterSemicolon: {"", "semicolon", "point-virgule"},
	DelimiterTab:       {"", "tab", "tabulation"},
	InputPanelSize:     {"", "panel size", "taille du panel"},
	ListItems:          {"items:l more:r", "{items:,}{more}", "{items:,}{more}"},
	ListMore:           {"n:n", " and {n} more", " et {n} autres"},

	NoticeEncoding: {"file:s encoding:s", "{file}: read as {encoding} text", "{file} : lu comme du texte {encoding}"},
	NoticeSheet: {"file:s sheet:s",
		"{file}: read the sheet {sheet}; the CSV files written for it are separated by semicolons",
		"{file} : lu dans la feuille {sheet} ; les fichiers CSV écrits pour lui sont séparés par des points-virgules"},
	NoticeRowNumbers: {"file:s column:s",
		"{file} has no {column} column: people are identified by their data row number (1 = the first row after the header)",
		"{file} n'a pas de colonne {column} : les personnes sont identifiées par leur numéro de ligne de données (1 = la première ligne après l'en-tête)"},
	QuotaFieldCount: {"fields:n columns:n",
		"the row has {fields} fields but the header has {columns} columns",
		"la ligne a {fields} champs mais l'en-tête a {columns} colonnes"},
	QuotaNoRows: {"", "the file has a header but no quota rows", "le fichier a un en-tête mais aucune ligne de quota"},
	QuotaUnknownHeader: {"header:s known:r",
		"the header {header} is not a quota file header; it must start with {known}",
		"l'en-tête {header} n'est pas celui d'un fichier de quotas ; il doit commencer par {known}"},
	QuotaTwoColumns: {"column:s a:s b:s",
		"the header has two {column} columns, {a} and {b}; delete one",
		"l'en-tête a deux colonnes {column}, {a} et {b} ; supprimez-en une"},
	QuotaNoColumn: {"column:s dialect:s",
		"the header has no {column} column (expected {dialect}, or a share column)",
		"l'en-tête n'a pas de colonne {column} (attendu : {dialect}, ou une colonne share)"},
	QuotaEmptyCategory: {"", "the category name is empty", "le nom de la catégorie est vide"},
	QuotaEmptyValue:    {"", "the value name is empty", "le nom de la valeur est vide"},
	QuotaEmptyBound: {"column:s",
		"{column} is empty; it must be a whole number, 0 or more",
		"{column} est vide ; ce doit être un nombre entier, 0 ou plus"},
	QuotaBadBound: {"column:s text:s",
		"{column} must be a whole number, 0 or more, not {text}",
		"{column} doit être un nombre entier, 0 ou plus, et non {text}"},
	QuotaShareAndBounds: {"",
		"the row gives a share and min or max; give either a share (with an optional tolerance) or min and max",
		"la ligne donne une part (share) et un min ou un max ; donnez soit une part (avec une tolérance si vous le souhaitez), soit min et max"},
	QuotaToleranceAlone: {"",
		"the row gives a tolerance but no share; a tolerance is the number of seats a share's bounds may stray from its target",
		"la ligne donne une tolérance mais aucune part ; la tolérance est le nombre de sièges dont les bornes d'une part peuvent s'écarter de sa cible"},
	QuotaMinAboveMax: {"min:n max:n", "min {min} is greater than max {max}", "le min {min} est plus grand que le max {max}"},
	QuotaMinFlex: {"flex:n min:n",
		"min_flex {flex} is greater than min {min}; min_flex says how low min may be relaxed, so it must be at most min",
		"min_flex {flex} est plus grand que min {min} ; min_flex dit jusqu'où min peut être abaissé, il doit donc être au plus min"},
	QuotaMaxFlex: {"flex:n max:n",
		"max_flex {flex} is less than max {max}; max_flex says how high max may be relaxed, so it must be at least max",
		"max_flex {flex} est plus petit que max {max} ; max_flex dit jusqu'où max peut être relevé, il doit donc être au moins max"},
	QuotaDuplicate: {"category:s value:s line:n",
		"{category} {value} is already given on line {line}; give each value once",
		"{category} {value} est déjà donné à la ligne {line} ; donnez chaque valeur une seule fois"},
	QuotaShareSum: {"category:s sum:s",
		"the shares of {category} add up to {sum}; they must add up to 100% when every value has one, and to at most 100% otherwise",
		"les parts de {category} font {sum} au total ; elles doivent faire 100 % quand chaque valeur en a une, et au plus 100 % sinon"},
	QuotaShareText: {"text:s",
		"share must be a fraction such as 0.505 or a percentage such as 50.5%, not {text}",
		"la part (share) doit être une fraction comme 0.505 ou un pourcentage comme 50.5%, et non {text}"},
	QuotaShareOver100: {"text:s", "share {text} is more than 100%", "la part {text} dépasse 100 %"},
	QuotaShareOver1: {"text:s",
		"share {text} is more than 1: write {text}% for a percentage, or a fraction from 0 to 1",
		"la part {text} dépasse 1 : écrivez {text}% pour un pourcentage, ou une fraction de 0 à 1"},
	DuplicateColumn: {"column:s",
		"the header has two columns named {column}; rename or delete one",
		"l'en-tête a deux colonnes nommées {column} ; renommez ou supprimez l'une d'elles"},

	PoolNoIDColumn: {"column:s suggest:r columns:r",
		"there is no id column {column}{suggest}; the columns are: {columns}",
		"il n'y a pas de colonne d'identifiants {column}{suggest} ; les colonnes sont : {columns}"},
	PoolEmpty: {"",
		"the pool has no people: the file has a header but no data rows",
		"le vivier ne compte personne : le fichier a un en-tête mais aucune ligne de données"},
	PoolFieldCount: {"fields:n columns:n separator:r",
		"the row has {fields} fields but the header has {columns} columns; a value may contain an unquoted separator ({separator})",
		"la ligne a {fields} champs mais l'en-tête a {columns} colonnes ; une valeur contient peut-être un séparateur sans guillemets ({separator})"},
	PoolDuplicateID: {"id:s line:n",
		"the id {id} is already used on line {line}; ids must be unique",
		"l'identifiant {id} est déjà utilisé à la ligne {line} ; les identifiants doivent être uniques"},
	PoolDuplicateIDRow: {"id:s line:n",
		"the id {id} is already used on row {line}; ids must be unique",
		"l'identifiant {id} est déjà utilisé à la ligne {line} de la feuille ; les identifiants doivent être uniques"},
	PoolEmptyID: {"", "the id is empty; every person needs a unique id", "l'identifiant est vide ; chaque personne a besoin d'un identifiant unique"},
	HouseholdColumn: {"column:s suggest:r columns:r",
		"household column {column} is not in the pool{suggest}; the columns are: {columns}",
		"la colonne de foyer {column} n'est pas dans le vivier{suggest} ; les colonnes sont : {columns}"},
	PoolEmptyValue: {"category:s", "the value of {category} is empty", "la valeur de {category} est vide"},
	PoolNoCategoryColumn: {"category:s suggest:r columns:r",
		"the pool has no column {category} for this quota category{suggest}; its columns are: {columns}",
		"le vivier n'a pas de colonne {category} pour cette catégorie de quotas{suggest} ; ses colonnes sont : {columns}"},
	PoolNoBand: {"n:n category:s bands:s",
		"{n} is in none of the bands of {category} in the quotas ({bands}); add a band for it, or take this person out of the pool",
		"{n} n'est dans aucune des tranches de {category} des quotas ({bands}) ; ajoutez-lui une tranche, ou retirez cette personne du vivier"},
	PoolTwoBands: {"n:n category:s a:s aline:n b:s bline:n",
		"{n} is in two bands of {category}, {a} (quota file line {aline}) and {b} (line {bline}); bands must not overlap",
		"{n} est dans deux tranches de {category}, {a} (ligne {aline} du fichier de quotas) et {b} (ligne {bline}) ; les tranches ne doivent pas se chevaucher"},
	PoolValueNotInPool: {"category:s value:s suggest:s n:n column:s where:r",
		"nobody in the pool has {category} {value}; did you mean {suggest}? {n} {n|person|people} in the pool {n|has|have} that value (column {column}, {where}), which is not in the quotas",
		"personne dans le vivier n'a {category} {value} ; vouliez-vous dire {suggest} ? {n} {n|personne du vivier a|personnes du vivier ont} cette valeur (colonne {column}, {where}), qui n'est pas dans les quotas"},
	PoolNotInQuotas: {"", "not in the quotas", "absente des quotas"},
	PoolUnknownValue: {"value:s category:s suggest:r lines:r values:r",
		"{value} is not a value of {category} in the quotas{suggest}{lines}{values}",
		"{value} n'est pas une valeur de {category} dans les quotas{suggest}{lines}{values}"},
	PoolUnknownNumber: {"value:s category:s suggest:r lines:r values:r",
		"{value} is neither a whole number nor a value of {category} in the quotas{suggest}{lines}{values}",
		"{value} n'est ni un nombre entier ni une valeur de {category} dans les quotas{suggest}{lines}{values}"},
	PoolLinesHaveIt: {"n:n where:r", "; {n} lines have it ({where})", " ; {n} lignes l'ont ({where})"},
	PoolRowsHaveIt:  {"n:n where:r", "; {n} rows have it ({where})", " ; {n} lignes de la feuille l'ont ({where})"},
	PoolQuotaValues: {"category:s values:r",
		"; the values of {category} in the quotas are {values}",
		" ; les valeurs de {category} dans les quotas sont {values}"},
	PanelSizeBelowOne: {"k:n", "the panel size must be at least 1, not {k}", "la taille du panel doit être au moins 1, et non {k}"},
	PanelSizeAbovePool: {"k:n pool:n",
		"the panel size {k} is larger than the pool ({pool} people)",
		"la taille du panel, {k}, dépasse celle du vivier ({pool} personnes)"},

	TableSheetNotWorkbook: {"sheet:s",
		"the sheet {sheet} is asked for, but the file is not an Excel workbook (.xlsx)",
		"la feuille {sheet} est demandée, mais le fichier n'est pas un classeur Excel (.xlsx)"},
	TableEmpty: {"", "the file is empty", "le fichier est vide"},
	TableQuote: {"line:n char:n",
		`a quotation mark (") is not closed or is misplaced (line {line}, character {char})`,
		`un guillemet (") n'est pas fermé ou est mal placé (ligne {line}, caractère {char})`},
	TableBareQuote: {"line:n char:n",
		`a quotation mark (") appears inside a field that is not quoted (line {line}, character {char}); put the whole field in quotes and double the inner quotes`,
		`un guillemet (") apparaît dans un champ qui n'est pas entre guillemets (ligne {line}, caractère {char}) ; mettez tout le champ entre guillemets et doublez les guillemets intérieurs`},
	TableDetail: {"detail:s", "{detail}", "le fichier ne peut pas être lu : {detail} (en anglais)"},
	TableAtLine: {"line:n problem:r", "line {line}: {problem}", "ligne {line} : {problem}"},
	TableNotUTF8: {"",
		`the file starts as UTF-8 but contains bytes that are not UTF-8; save it again as "CSV UTF-8"`,
		`le fichier commence comme de l'UTF-8 mais contient des octets qui n'en sont pas ; enregistrez-le de nouveau en « CSV UTF-8 »`},
	TableBadUTF16: {"detail:s",
		"the file starts as UTF-16 text but cannot be decoded: {detail}",
		"le fichier commence comme du texte UTF-16 mais ne peut pas être décodé : {detail} (en anglais)"},
	TableOldExcel: {"",
		"this is not a text file: it looks like an old Excel workbook (.xls); save it from the spreadsheet as an Excel workbook (.xlsx) or as CSV",
		"ce n'est pas un fichier texte : il ressemble à un ancien classeur Excel (.xls) ; enregistrez-le depuis le tableur comme classeur Excel (.xlsx) ou en CSV"},
	TableEncoding: {"", "the file is neither UTF-8 nor Windows-1252 text", "le fichier n'est ni du texte UTF-8 ni du texte Windows-1252"},
	TableBinary: {"byte:s offset:n",
		"this is not a text file (byte {byte} at offset {offset})",
		"ce n'est pas un fichier texte (octet {byte} à la position {offset})"},
	TableODS: {"",
		"this is an OpenDocument spreadsheet (.ods), which tirage does not read; save it as an Excel workbook (.xlsx) or as CSV",
		"c'est un classeur OpenDocument (.ods), que tirage ne lit pas ; enregistrez-le comme classeur Excel (.xlsx) ou en CSV"},
	TableBadXLSX: {"detail:s",
		"the file looks like an Excel workbook (.xlsx) but cannot be read: {detail}; open it in the spreadsheet and save it again, as .xlsx or as CSV",
		"le fichier ressemble à un classeur Excel (.xlsx) mais ne peut pas être lu : {detail} (en anglais) ; ouvrez-le dans le tableur et enregistrez-le de nouveau, en .xlsx ou en CSV"},
	TableNoSheets: {"", "the workbook has no sheet", "le classeur n'a aucune feuille"},
	TableNoSheet: {"sheet:s sheets:r",
		"the workbook has no sheet {sheet}; its sheets are {sheets}",
		"le classeur n'a pas de feuille {sheet} ; ses feuilles sont {sheets}"},
	TableSheetUnreadable: {"sheet:s detail:s",
		"the sheet {sheet} cannot be read: {detail}",
		"la feuille {sheet} ne peut pas être lue : {detail} (en anglais)"},
	TableRowUnreadable: {"sheet:s row:n detail:s",
		"the sheet {sheet} cannot be read at row {row}: {detail}",
		"la feuille {sheet} ne peut pas être lue à la ligne {row} : {detail} (en anglais)"},
	TableUnzipsTooLarge: {"mb:n",
		"the file looks like an Excel workbook (.xlsx) but cannot be read: it unzips to more than {mb} MB; open it in the spreadsheet and save it again, as .xlsx or as CSV",
		"le fichier ressemble à un classeur Excel (.xlsx) mais ne peut pas être lu : il se décompresse en plus de {mb} Mo ; ouvrez-le dans le tableur et enregistrez-le de nouveau, en .xlsx ou en CSV"},
	TableSheetEmpty: {"sheet:s", "the sheet {sheet} is empty", "la feuille {sheet} est vide"},
})

// The reasons of package dropout's input errors.
const (
	DropoutNoColumn     Code = "dropout-no-column"      // column, columns
	DropoutAttended     Code = "dropout-attended"       // answer
	DropoutNoMembers    Code = "dropout-no-members"     //
	DropoutNoRateColumn Code = "dropout-no-rate-column" // column, columns
	DropoutBadRate      Code = "dropout-bad-rate"       // rate
	DropoutSmoothing    Code = "dropout-smoothing"      // value
)

// The reasons of a selection's dropout settings (selection.DropoutOptions)
// that cannot be used; the settings are named as the caller spells them
// (--dropout-column, "options.dropout_column", dropout_column).
const (
	DropoutBothSources  Code = "dropout-both-sources"  // column, model
	DropoutNoAlternates Code = "dropout-no-alternates" // setting, alternates
	DropoutScenarios    Code = "dropout-scenarios"     // setting, max, n
)

var _ = register(map[Code]entry{
	DropoutBothSources: {"column:s model:s",
		"give {column} or {model}, not both",
		"donnez {column} ou {model}, pas les deux"},
	DropoutNoAlternates: {"setting:s alternates:s",
		"{setting} chooses alternates for the dropouts to come: give their number with {alternates}",
		"{setting} choisit les suppléants pour les désistements à venir : donnez leur nombre avec {alternates}"},
	DropoutScenarios: {"setting:s max:n n:n",
		"{setting} must be between 1 and {max}, not {n}",
		"{setting} doit être entre 1 et {max}, pas {n}"},
})

var _ = register(map[Code]entry{
	DropoutSmoothing: {"value:s",
		"the smoothing must be 0 or more, not {value}",
		"le lissage doit valoir 0 ou plus, et non {value}"},
	DropoutNoColumn: {"column:s columns:s",
		"there is no column {column}; the columns are: {columns}",
		"il n'y a pas de colonne {column} ; les colonnes sont : {columns}"},
	DropoutAttended: {"answer:s",
		"{answer} does not say whether the person attended: write yes or no (or 1 or 0, oui or non)",
		"{answer} ne dit pas si la personne est venue : écrivez oui ou non (ou 1 ou 0, yes ou no)"},
	DropoutNoMembers: {"", "the file has a header but no members", "le fichier a un en-tête mais aucun membre"},
	DropoutNoRateColumn: {"column:s columns:s",
		"there is no dropout column {column}; the columns are: {columns}",
		"il n'y a pas de colonne de taux de désistement {column} ; les colonnes sont : {columns}"},
	DropoutBadRate: {"rate:s",
		"the dropout rate {rate} is not a probability: write a number from 0 to 1 (0.15) or a percentage (15%)",
		"le taux de désistement {rate} n'est pas une probabilité : écrivez un nombre de 0 à 1 (0.15) ou un pourcentage (15%)"},
})

// Whole numbers given on the command line or in a batch manifest, such as
// the panel size: what is the number's name (a string or a reason).
const (
	CountNotWhole    Code = "count-not-whole"    // what, value
	CountTooLarge    Code = "count-too-large"    // what, value
	CountLeadingZero Code = "count-leading-zero" // what, value, n
	CountAtLeast     Code = "count-at-least"     // what, min, n
	CountAtMost      Code = "count-at-most"      // what, max, n
	CountPanelSize   Code = "count-panel-size"   //
	CountPanels      Code = "count-panels"       //
	CountAlternates  Code = "count-alternates"   //
	CountJobs        Code = "count-jobs"         //
	CountScenarios   Code = "count-scenarios"    //
)

var _ = register(map[Code]entry{
	CountNotWhole: {"what:r value:s",
		"{what} must be a whole number written with the digits 0 to 9 (such as 30), not {value}",
		"{what} doit être un nombre entier écrit avec les chiffres 0 à 9 (comme 30), et non {value}"},
	CountTooLarge: {"what:r value:s", "{what} {value} is too large", "{what} : {value} est un nombre trop grand"},
	CountLeadingZero: {"what:r value:s n:n",
		"{what} {value} starts with 0: write it without leading zeros ({n}), so that nobody reads it as an octal number",
		"{what} : {value} commence par 0 : écrivez-le sans zéro en tête ({n}), pour que personne ne le lise comme un nombre octal"},
	CountAtLeast:    {"what:r min:n n:n", "{what} must be at least {min}, not {n}", "{what} doit valoir au moins {min}, et non {n}"},
	CountAtMost:     {"what:r max:n n:n", "{what} must be at most {max}, not {n}", "{what} doit valoir au plus {max}, et non {n}"},
	CountPanelSize:  {"", "the panel size", "la taille du panel"},
	CountPanels:     {"", "the number of panels", "le nombre de panels"},
	CountAlternates: {"", "the number of alternates", "le nombre de suppléants"},
	CountJobs:       {"", "the number of jobs", "le nombre de tâches"},
	CountScenarios:  {"", "the number of scenarios", "le nombre de simulations"},
})

// The bands of a category whose values are ranges of numbers (ages).
const (
	BandRange Code = "band-range" // lo, hi
	BandOpen  Code = "band-open"  // lo
)

var _ = register(map[Code]entry{
	BandRange: {"lo:n hi:n", "{lo} to {hi}", "{lo} à {hi}"},
	BandOpen:  {"lo:n", "{lo} or more", "{lo} ou plus"},
})

// QuotaKnownHeaders lists the headers of the quota file formats, for
// QuotaUnknownHeader.
const QuotaKnownHeaders Code = "quota-known-headers"

var _ = register(map[Code]entry{
	QuotaKnownHeaders: {"",
		"feature,value,min,max (optionally followed by min_flex,max_flex), category,name,min,max, category,feature,min,max, catégorie,valeur,min,max or categoría,valor,mín,máx, each with share (part, proporción) and tolerance instead of min and max if wished",
		"feature,value,min,max (suivi si besoin de min_flex,max_flex), category,name,min,max, category,feature,min,max, catégorie,valeur,min,max ou categoría,valor,mín,máx, chacun avec, si on le souhaite, part (share, proporción) et tolerance au lieu de min et max"},
})

// The organisation and contact printed at the top of the report
// (report.CheckByline), and the public numbers given as a seed
// (audit.SeedFromNumbers).
const (
	BylineOrganisation Code = "byline-organisation" //
	BylineContact      Code = "byline-contact"      //
	BylineNotUTF8      Code = "byline-not-utf8"     // what
	BylineTooLong      Code = "byline-too-long"     // what, n, max
	BylineControl      Code = "byline-control"      // what, byte
	SeedSourceEmpty    Code = "seed-source-empty"   // source, text
	SeedNotNumber      Code = "seed-not-number"     // number, source
)

var _ = register(map[Code]entry{
	BylineOrganisation: {"", "the organisation", "l'organisation"},
	BylineContact:      {"", "the contact", "le contact"},
	BylineNotUTF8:      {"what:r", "{what} is not UTF-8 text", "{what} n'est pas un texte UTF-8"},
	BylineTooLong: {"what:r n:n max:n",
		"{what} has {n} characters; the report prints at most {max}",
		"{what} a {n} caractères ; le rapport en affiche au plus {max}"},
	BylineControl: {"what:r byte:n",
		"{what} holds a control character (such as a line break) at byte {byte}; write it on one line",
		"{what} contient un caractère de contrôle (comme un saut de ligne) à l'octet {byte} ; écrivez-le sur une seule ligne"},
	SeedSourceEmpty: {"source:n text:s",
		"source {source} of {text} has no numbers; separate sources with \"/\" and the numbers of a source with spaces",
		"la source {source} de {text} n'a aucun nombre ; séparez les sources par « / » et les nombres d'une source par des espaces"},
	SeedNotNumber: {"number:s source:n",
		"{number} in source {source} is not a whole number written with the digits 0-9",
		"{number} dans la source {source} n'est pas un nombre entier écrit avec les chiffres 0 à 9"},
})
