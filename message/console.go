package message

// The sentences of the tirage command's console output: errors, warnings,
// the output of check, select and verify around the reasons above.
const (
	CLIQuotaFile           Code = "cli-quota-file"            //
	CLIPoolFile            Code = "cli-pool-file"             //
	CLIInputFiles          Code = "cli-input-files"           //
	CLIFileProblem         Code = "cli-file-problem"          // what
	CLIFileProblems        Code = "cli-file-problems"         // what, n
	CLIFilesProblem        Code = "cli-files-problem"         // what
	CLIFilesProblems       Code = "cli-files-problems"        // what, n
	CLIAndMore             Code = "cli-and-more"              // n
	CLIAndMoreIn           Code = "cli-and-more-in"           // n, file
	CLICannotRead          Code = "cli-cannot-read"           // what, path, err
	CLICannotReadAny       Code = "cli-cannot-read-any"       // what, err
	CLIMissingFlags        Code = "cli-missing-flags"         // flags, command
	CLIUnmet               Code = "cli-unmet"                 // why
	CLIInterrupted         Code = "cli-interrupted"           //
	CLIInternal            Code = "cli-internal"              // err
	CLINotice              Code = "cli-notice"                // text
	CLIWarnNames           Code = "cli-warn-names"            // column, example
	CLIWarnIDs             Code = "cli-warn-ids"              // count, of, column, what, example
	CLIWarnIDsHelp         Code = "cli-warn-ids-help"         //
	CLIEmails              Code = "cli-emails"                //
	CLIPhones              Code = "cli-phones"                //
	CLINames               Code = "cli-names"                 //
	CLIRelaxed             Code = "cli-relaxed"               // seats
	CLINoPanelExact        Code = "cli-no-panel-exact"        // k
	CLINoRelaxation        Code = "cli-no-relaxation"         // why
	CLIWouldHelp           Code = "cli-would-help"            // seats
	CLIRunRelax            Code = "cli-run-relax"             //
	CLIConflictsIntro      Code = "cli-conflicts-intro"       //
	CLIEvenWithout         Code = "cli-even-without"          // why
	CLIThereIsMore         Code = "cli-there-is-more"         //
	CLIFeasible            Code = "cli-feasible"              // k
	CLIInfeasible          Code = "cli-infeasible"            // k
	CLINobodyExcluded      Code = "cli-nobody-excluded"       //
	CLIExcludedCount       Code = "cli-excluded-count"        // n
	CLIExcludedLine        Code = "cli-excluded-line"         // id, line, why
	CLISmallest            Code = "cli-smallest"              // seats
	CLINothingToRelax      Code = "cli-nothing-to-relax"      // file
	CLIRelaxWritten        Code = "cli-relax-written"         // file
	CLIRelaxShares         Code = "cli-relax-shares"          // k
	CLIRelaxNotWritten     Code = "cli-relax-not-written"     // file
	CLICheckPool           Code = "cli-check-pool"            // file, n
	CLICheckHouseholds     Code = "cli-check-households"      // households, columns, shared, inshared, largest
	CLICheckQuotas         Code = "cli-check-quotas"          // file, categories, values, format
	CLICheckPanel          Code = "cli-check-panel"           // k, share
	CLICheckFewer          Code = "cli-check-fewer"           //
	CLIColCategory         Code = "cli-col-category"          //
	CLIColValue            Code = "cli-col-value"             //
	CLIColPool             Code = "cli-col-pool"              //
	CLIColPoolShare        Code = "cli-col-pool-share"        //
	CLIColTarget           Code = "cli-col-target"            //
	CLICheckBands          Code = "cli-check-bands"           // category
	CLICheckShares         Code = "cli-check-shares"          // k
	CLISummaryPool         Code = "cli-summary-pool"          // file, n
	CLISummaryPanel        Code = "cli-summary-panel"         // k
	CLISummaryLottery      Code = "cli-summary-lottery"       // algorithm, panels
	CLISummaryMinimum      Code = "cli-summary-minimum"       // minimum, bound, equal
	CLIUpperBound          Code = "cli-upper-bound"           // bound
	CLINoCertificate       Code = "cli-no-certificate"        //
	CLIEstimated           Code = "cli-estimated"             // runs, bound
	CLISummaryUniform      Code = "cli-summary-uniform"       // m, minimum, shift
	CLISummaryCommit       Code = "cli-summary-commit"        // commitment
	CLISummaryNotDrawn     Code = "cli-summary-not-drawn"     // dir
	CLISummarySeed         Code = "cli-summary-seed"          // seed, kind
	CLISeedGenerated       Code = "cli-seed-generated"        //
	CLISeedKnown           Code = "cli-seed-known"            //
	CLISummaryDrawn        Code = "cli-summary-drawn"         // index, m
	CLISummaryAlternate    Code = "cli-summary-alternates"    // n, file
	CLIWritten             Code = "cli-written"               // dir, files
	CLIPublish             Code = "cli-publish"               // dir, files
	CLINobodyZero          Code = "cli-nobody-zero"           //
	CLIZeroCount           Code = "cli-zero-count"            // n
	CLIZeroLine            Code = "cli-zero-line"             // id, why
	CLINoTicket            Code = "cli-no-ticket"             // m
	CLIVerifyOK            Code = "cli-verify-ok"             //
	CLIVerifyFailed        Code = "cli-verify-failed"         //
	CLIVerifyAbsent        Code = "cli-verify-absent"         //
	CLIInputsUnchecked     Code = "cli-inputs-unchecked"      //
	CLIPoolUnchecked       Code = "cli-pool-unchecked"        //
	CLIQuotasUnchecked     Code = "cli-quotas-unchecked"      //
	CLINotVerified         Code = "cli-not-verified"          // failed, n
	CLINotInFolder         Code = "cli-not-in-folder"         // files
	CLIVerified            Code = "cli-verified"              // n
	CLICannotProve         Code = "cli-cannot-prove"          //
	CLINoReplacements      Code = "cli-no-replacements"       // why
	CLISeedGeneratedNotice Code = "cli-seed-generated-notice" // seed, file
	CLIPanelsRaised        Code = "cli-panels-raised"         // m, requested, why
	CLIPanelsMinimum       Code = "cli-panels-minimum"        // min, tickets
	CLIPanelsUnfaithful    Code = "cli-panels-unfaithful"     // requested, tickets, file
)

var _ = register(map[Code]entry{
	CLIQuotaFile:     {"", "the quota file", "le fichier de quotas"},
	CLIPoolFile:      {"", "the pool file", "le fichier du vivier"},
	CLIInputFiles:    {"", "the input files", "les fichiers d'entrée"},
	CLIFileProblem:   {"what:r", "{what} has a problem:", "{what} a un problème :"},
	CLIFileProblems:  {"what:r n:n", "{what} has {n} problems:", "{what} a {n} problèmes :"},
	CLIFilesProblem:  {"what:r", "{what} have a problem:", "{what} ont un problème :"},
	CLIFilesProblems: {"what:r n:n", "{what} have {n} problems:", "{what} ont {n} problèmes :"},
	CLIAndMore:       {"n:n", "… and {n} more", "… et {n} autres"},
	CLIAndMoreIn:     {"n:n file:s", "… and {n} more (see {file})", "… et {n} autres (voir {file})"},
	CLICannotRead:    {"what:r path:s err:s", "cannot read {what} {path}: {err}", "impossible de lire {what} {path} : {err}"},
	CLICannotReadAny: {"what:r err:s", "cannot read {what}: {err}", "impossible de lire {what} : {err}"},
	CLIMissingFlags: {"flags:l command:s",
		"missing {flags}\nRun 'tirage {command} -h' for help",
		"il manque {flags}\nLancez 'tirage {command} -h' pour l'aide"},
	CLIUnmet: {"why:r",
		"the quotas cannot be met: {why}.\nRelax some quotas: 'tirage check' names the bounds that conflict and the smallest relaxation.",
		"les quotas ne peuvent pas être respectés : {why}.\nAssouplissez certains quotas : 'tirage check' nomme les bornes en conflit et le plus petit assouplissement."},
	CLIInterrupted: {"",
		"interrupted; no panel was drawn and no file was written",
		"interrompu ; aucun panel n'a été tiré et aucun fichier n'a été écrit"},
	CLIInternal: {"err:s",
		"internal error: {err}\nThis is a bug in tirage; please report it with the command you ran.",
		"erreur interne : {err}\nC'est un défaut de tirage ; merci de le signaler avec la commande lancée."},
	CLINotice: {"text:s", "notice: {text}", "remarque : {text}"},
	CLIWarnNames: {"column:s example:s",
		"warning: the ids are read from the column {column}, which holds people's names (such as {example}).",
		"attention : les identifiants sont lus dans la colonne {column}, qui contient des noms de personnes (comme {example})."},
	CLIWarnIDs: {"count:n of:n column:s what:r example:s",
		"warning: {count} of the {of} ids (column {column}) look like {what}, such as {example}.",
		"attention : {count} des {of} identifiants (colonne {column}) ressemblent à des {what}, comme {example}."},
	CLIWarnIDsHelp: {"",
		"  The ids are published: they are in audit.json and every file of public/. Give each volunteer an\n  opaque id instead: add a column to the pool, such as ref, holding P0001, P0002, …, select with\n  --id-column ref, and keep the pool, which links the ids to people, private.",
		"  Les identifiants sont publiés : ils figurent dans audit.json et dans chaque fichier de public/. Donnez\n  plutôt à chaque volontaire un identifiant opaque : ajoutez au vivier une colonne, comme ref, avec P0001,\n  P0002, …, tirez avec --id-column ref, et gardez privé le vivier, qui relie les identifiants aux personnes."},
	CLIEmails: {"", "e-mail addresses", "adresses électroniques"},
	CLIPhones: {"", "phone numbers", "numéros de téléphone"},
	CLINames:  {"", "people's names", "noms de personnes"},
	CLIRelaxed: {"seats:n",
		"The quotas cannot be met as given; they are relaxed by {seats} {seats|seat|seats}, the fewest possible (recorded in audit.json):",
		"Les quotas ne peuvent pas être respectés tels quels ; ils sont assouplis de {seats} {seats|siège|sièges}, le moins possible (consigné dans audit.json) :"},
	CLINoPanelExact: {"k:n",
		"the quotas cannot be met: no panel of {k} people meets them all (exact search).",
		"les quotas ne peuvent pas être respectés : aucun panel de {k} {k|personne|personnes} ne les respecte tous (recherche exacte)."},
	CLINoRelaxation: {"why:r", "No relaxation: {why}.", "Aucun assouplissement : {why}."},
	CLIWouldHelp: {"seats:n",
		"The smallest relaxation that would let a panel meet them is {seats} {seats|seat|seats}:",
		"Le plus petit assouplissement qui permettrait à un panel de les respecter est de {seats} {seats|siège|sièges} :"},
	CLIRunRelax: {"",
		"Run select again with --relax to apply it (it is then recorded in audit.json), or write it to a quota file with 'tirage check … --relax-out FILE'.",
		"Relancez select avec --relax pour l'appliquer (il est alors consigné dans audit.json), ou écrivez-le dans un fichier de quotas avec 'tirage check … --relax-out FICHIER'."},
	CLIConflictsIntro: {"",
		"These bounds conflict: each set below cannot hold together, but without any one of its bounds the rest can.",
		"Ces bornes sont en conflit : aucun des ensembles ci-dessous ne peut être respecté en entier, mais sans l'une quelconque de ses bornes, le reste peut l'être."},
	CLIEvenWithout: {"why:r", "Even without those bounds: {why}.", "Même sans ces bornes : {why}."},
	CLIThereIsMore: {"", "Setting those aside, there is more:", "En les mettant de côté, il y a plus :"},
	CLIFeasible: {"k:n",
		"The quotas can be met: a panel of {k} that meets them all exists (exact search).",
		"Les quotas peuvent être respectés : il existe un panel de {k} qui les respecte tous (recherche exacte)."},
	CLIInfeasible: {"k:n",
		"The quotas cannot be met: no panel of {k} people meets them all (exact search).",
		"Les quotas ne peuvent pas être respectés : aucun panel de {k} {k|personne|personnes} ne les respecte tous (recherche exacte)."},
	CLINobodyExcluded: {"",
		"Everyone in the pool is on some panel that meets the quotas: nobody is left without a chance.",
		"Chaque personne du vivier figure dans un panel qui respecte les quotas : personne n'est privé de chance."},
	CLIExcludedCount: {"n:n",
		"{n} {n|person|people} can be on no panel that meets the quotas, and would have no chance of selection:",
		"{n} {n|personne ne peut figurer|personnes ne peuvent figurer} dans aucun panel qui respecte les quotas, et n'{n|aurait|auraient} aucune chance d'être tirée{n||s} :"},
	CLIExcludedLine: {"id:s line:n why:r", "{id} (line {line}): {why}", "{id} (ligne {line}) : {why}"},
	CLISmallest: {"seats:n",
		"Smallest relaxation: {seats} {seats|seat|seats} in all (no smaller change of the bounds within min_flex and max_flex lets a panel meet them):",
		"Plus petit assouplissement : {seats} {seats|siège|sièges} en tout (aucun changement plus petit des bornes dans les limites de min_flex et max_flex ne permet à un panel de les respecter) :"},
	CLINothingToRelax: {"file:s",
		"Nothing to relax: {file} holds the quotas as they are.",
		"Rien à assouplir : {file} contient les quotas tels quels."},
	CLIRelaxWritten: {"file:s",
		"Written:  {file}, the quota file with these bounds (use it with --quotas).",
		"Écrit :  {file}, le fichier de quotas avec ces bornes (à utiliser avec --quotas)."},
	CLIRelaxShares: {"k:n",
		"          Its values given by a target share have the bounds derived for a panel of {k}, as min and max.",
		"          Ses valeurs données par une part cible y ont les bornes calculées pour un panel de {k}, en min et max."},
	CLIRelaxNotWritten: {"file:s", "{file} was not written.", "{file} n'a pas été écrit."},
	CLICheckPool:       {"file:s n:n", "Pool:   {file}, {n} people", "Vivier : {file}, {n} personnes"},
	CLICheckHouseholds: {"households:n columns:l shared:n inshared:n largest:n",
		"        {households} households (by {columns}): {shared} with 2 or more people, {inshared} people in all; the largest has {largest}",
		"         {households} foyers (par {columns}) : {shared} de 2 personnes ou plus, {inshared} personnes en tout ; le plus grand en compte {largest}"},
	CLICheckQuotas: {"file:s categories:n values:n format:s",
		"Quotas: {file}, {categories} categories, {values} values (format {format})",
		"Quotas : {file}, {categories} catégories, {values} valeurs (format {format})"},
	CLICheckPanel:   {"k:n share:s", "Panel:  {k} people ({share}% of the pool)", "Panel :  {k} personnes ({share}\u202f% du vivier)"},
	CLIColCategory:  {"", "category", "catégorie"},
	CLIColValue:     {"", "value", "valeur"},
	CLIColPool:      {"", "pool", "vivier"},
	CLIColPoolShare: {"", "pool share", "part vivier"},
	CLIColTarget:    {"", "target share", "part cible"},
	CLICheckFewer:   {"", "  ← fewer in the pool than the min", "  ← moins dans le vivier que le min"},
	CLICheckBands: {"category:s",
		"{category}: the pool gives numbers, each person counted in the band that contains theirs (the record keeps the band, not the number).",
		"{category} : le vivier donne des nombres, chaque personne est comptée dans la tranche qui contient le sien (le registre garde la tranche, pas le nombre)."},
	CLICheckShares: {"k:n",
		"The bounds of the values given by a target share are derived for a panel of {k} by largest remainders (see doc/formats.md), ± the tolerance in seats.",
		"Les bornes des valeurs données par une part cible sont calculées pour un panel de {k} par les plus forts restes (voir doc/formats.md), ± la tolérance en sièges."},
	CLISummaryPool:    {"file:s n:n", "Pool:     {file}, {n} people", "Vivier :  {file}, {n} personnes"},
	CLISummaryPanel:   {"k:n", "Panel:    {k} people", "Panel :   {k} personnes"},
	CLISummaryLottery: {"algorithm:s panels:n", "Lottery:  {algorithm} over {panels} panels that meet the quotas", "Loterie : {algorithm} sur {panels} panels qui respectent les quotas"},
	CLISummaryMinimum: {"minimum:s bound:r equal:s",
		"          minimum probability of selection {minimum} ({bound}; equal chances would be {equal})",
		"          probabilité minimale d'être tiré {minimum} ({bound} ; des chances égales seraient de {equal})"},
	CLIUpperBound:    {"bound:s", "upper bound {bound}", "borne supérieure {bound}"},
	CLINoCertificate: {"", "no optimality certificate for this objective", "pas de certificat d'optimalité pour cet objectif"},
	CLIEstimated:     {"runs:n bound:r", "estimated from {runs} runs; {bound}", "estimée sur {runs} exécutions ; {bound}"},
	CLISummaryUniform: {"m:n minimum:s shift:s",
		"Uniform:  {m} panels, each drawn with probability 1/{m}: minimum probability {minimum}, largest change from the exact lottery {shift} percentage points",
		"Uniforme : {m} panels, chacun tiré avec la probabilité 1/{m} : probabilité minimale {minimum}, plus grand écart à la loterie exacte {shift} points de pourcentage"},
	CLISummaryCommit: {"commitment:s", "Commitment: {commitment}", "Engagement : {commitment}"},
	CLISummaryNotDrawn: {"dir:s",
		"Not drawn: publish the commitment, then run 'tirage draw {dir} --seed TEXT' once the seed is public.",
		"Pas tiré : publiez l'engagement, puis lancez 'tirage draw {dir} --seed TEXTE' une fois la graine publique."},
	CLISummarySeed: {"seed:s kind:r", "Seed:     {seed} ({kind})", "Graine :  {seed} ({kind})"},
	CLISeedGenerated: {"",
		"          Not a public seed: nobody else saw it made, so the draw is only as trustworthy as whoever ran tirage.",
		"          Pas une graine publique : personne d'autre ne l'a vue naître, donc le tirage n'est digne de confiance que comme qui a lancé tirage."},
	CLISeedKnown: {"",
		"          Committed and drawn in one run, with the seed known: the commitment cannot have been published before the seed existed. For a draw others can check, use --commit-only, publish the commitment, then 'tirage draw'.",
		"          Engagé et tiré en une seule fois, la graine connue : l'engagement n'a pas pu être publié avant que la graine existe. Pour un tirage que d'autres peuvent vérifier, utilisez --commit-only, publiez l'engagement, puis 'tirage draw'."},
	CLISummaryDrawn:     {"index:n m:n", "Drawn:    panel {index} of {m}, counting from 0", "Tiré :    panel {index} sur {m}, en comptant à partir de 0"},
	CLISummaryAlternate: {"n:n file:s", "Alternates: {n}, ranked, in {file}", "Suppléants : {n}, classés, dans {file}"},
	CLIWritten: {"dir:s files:s",
		"Written:  {dir}: {files} (private: the pool's columns, names and contacts included)",
		"Écrit :   {dir} : {files} (privés : avec les colonnes du vivier, noms et coordonnées compris)"},
	CLIPublish: {"dir:s files:s",
		"Publish:  {dir}: {files} (ids and quota values only)",
		"À publier : {dir} : {files} (identifiants et valeurs des quotas seulement)"},
	CLINobodyZero: {"",
		"Nobody has zero probability: everyone in the pool holds at least one ticket of the lottery drawn from.",
		"Personne n'a une probabilité nulle : chaque personne du vivier détient au moins un billet de la loterie du tirage."},
	CLIZeroCount: {"n:n",
		"{n} {n|person|people} cannot be selected (probability 0):",
		"{n} {n|personne ne peut|personnes ne peuvent} pas être tirée{n||s} (probabilité 0) :"},
	CLIZeroLine: {"id:s why:r", "{id}: {why}", "{id} : {why}"},
	CLINoTicket: {"m:n",
		"holds no ticket of the {m} panels drawn from (the exact lottery gives them no chance)",
		"ne détient aucun billet des {m} panels du tirage (la loterie exacte ne lui donne aucune chance)"},
	CLIVerifyOK:        {"", "OK", "RÉUSSI"},
	CLIVerifyFailed:    {"", "FAILED", "ÉCHEC"},
	CLIVerifyAbsent:    {"", "ABSENT", "MANQUE"},
	CLIInputsUnchecked: {"", "The input files were not checked against the record; give --pool and --quotas to check them.", "Les fichiers d'entrée n'ont pas été comparés au registre ; donnez --pool et --quotas pour les vérifier."},
	CLIPoolUnchecked:   {"", "The pool file was not checked against the record; give --pool to check it.", "Le fichier du vivier n'a pas été comparé au registre ; donnez --pool pour le vérifier."},
	CLIQuotasUnchecked: {"", "The quota file was not checked against the record; give --quotas to check it.", "Le fichier de quotas n'a pas été comparé au registre ; donnez --quotas pour le vérifier."},
	CLINotVerified:     {"failed:n n:n", "NOT VERIFIED: {failed} of {n} checks failed.", "NON VÉRIFIÉ : {failed} des {n} vérifications ont échoué."},
	CLINotInFolder: {"files:l",
		"Not in the folder, so not checked: {files}. Everything the record claims was checked from the record itself.",
		"Absents du dossier, donc non vérifiés : {files}. Tout ce qu'affirme le registre a été vérifié à partir du registre lui-même."},
	CLIVerified: {"n:n", "Verified: all {n} checks passed.", "Vérifié : les {n} vérifications ont toutes réussi."},
	CLINoReplacements: {"why:r",
		"no replacements let the panel meet the quotas again: {why}.",
		"aucun remplacement ne permet au panel de respecter de nouveau les quotas : {why}."},
	CLISeedGeneratedNotice: {"seed:s file:s",
		"no --seed given; tirage generated the seed {seed} on this computer (recorded in {file}). It is not a public seed: nobody else saw it made, so the draw is only as trustworthy as whoever ran tirage. For a draw others can trust, commit first (--commit-only), announce the seed's source, then 'tirage draw'.",
		"pas de --seed ; tirage a généré la graine {seed} sur cet ordinateur (consignée dans {file}). Ce n'est pas une graine publique : personne d'autre ne l'a vue naître, donc le tirage n'est digne de confiance que comme qui a lancé tirage. Pour un tirage auquel d'autres peuvent se fier, engagez d'abord (--commit-only), annoncez la source de la graine, puis 'tirage draw'."},
	CLIPanelsRaised: {"m:n requested:n why:r",
		"the uniform lottery has {m} panels, not {requested}: {why}",
		"la loterie uniforme a {m} panels, et non {requested} : {why}"},
	CLIPanelsMinimum: {"min:n tickets:n",
		"the audit format requires at least {min}, and more when {min} would leave someone with a chance without a ticket, or change someone's chance by more than {tickets} tickets (audit/SPEC.md 3.1)",
		"le format d'audit en demande au moins {min}, et plus quand {min} laisseraient sans billet une personne qui a une chance, ou changeraient la chance de quelqu'un de plus de {tickets} billets (audit/SPEC.md 3.1)"},
	CLIPanelsUnfaithful: {"requested:n tickets:n file:s",
		"with {requested}, someone with a chance in the exact lottery would have had no ticket, or a chance changed by more than {tickets} tickets (audit/SPEC.md 3.1); the number of panels is recorded in {file}",
		"avec {requested}, une personne qui a une chance dans la loterie exacte n'aurait eu aucun billet, ou une chance changée de plus de {tickets} billets (audit/SPEC.md 3.1) ; le nombre de panels est consigné dans {file}"},
	CLICannotProve: {"", "What these checks cannot prove:", "Ce que ces vérifications ne peuvent pas prouver :"},
})

// The sentences of draw, replace, compare, batch, the dropout-model
// table, the web app's server and the progress lines.
const (
	CLIRequestSeed        Code = "cli-request-seed"         // seed
	CLIDrawSeed           Code = "cli-draw-seed"            // seed
	CLIDrawnPeople        Code = "cli-drawn-people"         // index, m, n
	CLIWithdrew           Code = "cli-withdrew"             // ids
	CLIReplacedBy         Code = "cli-replaced-by"          // ids, candidates, onsome, minimum
	CLIReplaceSeed        Code = "cli-replace-seed"         // seed
	CLICompleted          Code = "cli-completed"            // n, file
	CLIDropTwice          Code = "cli-drop-twice"           // id
	CLIDropNotCompleted   Code = "cli-drop-not-completed"   // id, dir
	CLIDropNotDrawn       Code = "cli-drop-not-drawn"       // id, dir
	CLILeftForReplacement Code = "cli-left-for-replacement" //
	CLIAltChosen          Code = "cli-alt-chosen"           // n
	CLIAltChosenIn        Code = "cli-alt-chosen-in"        // n, file
	CLIAltLoss            Code = "cli-alt-loss"             // loss, s, n, bound
	CLIAltFresh           Code = "cli-alt-fresh"            // s
	CLIAltHeader          Code = "cli-alt-header"           //
	CLISetNone            Code = "cli-set-none"             //
	CLISetScaled          Code = "cli-set-scaled"           //
	CLISetRanked          Code = "cli-set-ranked"           //
	CLISetChosen          Code = "cli-set-chosen"           //
	CLIModelHeader        Code = "cli-model-header"         //
	CLIModelEveryone      Code = "cli-model-everyone"       //
	CLIModelBase          Code = "cli-model-base"           //
	CLIModelReference     Code = "cli-model-reference"      // value
	CLIModelAttended      Code = "cli-model-attended"       // attended, people
	CLIDeclined           Code = "cli-declined"             // ids
	CLINobody             Code = "cli-nobody"               //
	CLICalled             Code = "cli-called"               // ids, available
	CLIMeetsEvery         Code = "cli-meets-every"          //
	CLILossFrom           Code = "cli-loss-from"            // loss
	CLICompletedStatus    Code = "cli-completed-status"     // n, status, file
	CLIWarnHousehold      Code = "cli-warn-household"       // a, b
	CLIComparePool        Code = "cli-compare-pool"         // file, n, k, equal
	CLICompareHeader      Code = "cli-compare-header"       //
	CLIFailed             Code = "cli-failed"               //
	CLIYes                Code = "cli-yes"                  //
	CLINo                 Code = "cli-no"                   //
	CLIEstimatedWord      Code = "cli-estimated-word"       //
	CLIBatchHeader        Code = "cli-batch-header"         //
	CLIBatchOK            Code = "cli-batch-ok"             //
	CLIBatchFailed        Code = "cli-batch-failed"         // code
	CLINotDrawn           Code = "cli-not-drawn"            //
	CLIPanelOf            Code = "cli-panel-of"             // index, m
	CLIBatchAllSelected   Code = "cli-batch-all-selected"   // ok, n
	CLIBatchSomeFailed    Code = "cli-batch-some-failed"    // ok, n, failed
	CLIBatchPartner       Code = "cli-batch-partner"        // name, line
	CLIBatchProgress      Code = "cli-batch-progress"       // done, n
	CLIBatchProgressFail  Code = "cli-batch-progress-fail"  // failed
	CLIBatchRunning       Code = "cli-batch-running"        // names
	CLIWrittenFile        Code = "cli-written-file"         // file
	CLIAddrMalformed      Code = "cli-addr-malformed"       // addr
	CLIAddrRemote         Code = "cli-addr-remote"          // addr
	CLICannotListen       Code = "cli-cannot-listen"        // addr, err
	CLIWarnReachable      Code = "cli-warn-reachable"       // addr
	CLIServing            Code = "cli-serving"              // url
	CLINoBrowser          Code = "cli-no-browser"           // err, url
	CLIHistoryFile        Code = "cli-history-file"         //
	CLIDropoutModel       Code = "cli-dropout-model"        //
	CLICheckLine          Code = "cli-check-line"           // status, name, detail
	CLIUnexpectedArg      Code = "cli-unexpected-arg"       // arg, command
	CLIUnknownCommand     Code = "cli-unknown-command"      // name
	CLIBadLang            Code = "cli-bad-lang"             // lang
	CLIFlagUndefined      Code = "cli-flag-undefined"       // flag, command
	CLIFlagNeedsArg       Code = "cli-flag-needs-arg"       // flag, command
	CLIFlagInvalid        Code = "cli-flag-invalid"         // flag, err, command
	CLIFlagError          Code = "cli-flag-error"           // err, command
)

var _ = register(map[Code]entry{
	CLIRequestSeed: {"seed:s",
		"the request has no seed; using the fresh random seed {seed} (it is recorded in the audit record)",
		"la requête n'a pas de graine ; tirage utilise la graine aléatoire {seed}, tirée à l'instant (elle est consignée dans le registre d'audit)"},
	CLIDrawSeed:    {"seed:s", "Seed:     {seed}", "Graine :  {seed}"},
	CLIDrawnPeople: {"index:n m:n n:n", "Drawn:    panel {index} of {m}, counting from 0: {n} people", "Tiré :    panel {index} sur {m}, en comptant à partir de 0 : {n} personnes"},
	CLIWithdrew:    {"ids:s", "Withdrew: {ids}", "Désistés : {ids}"},
	CLIReplacedBy: {"ids:s candidates:n onsome:n minimum:s",
		"Replaced by: {ids}, drawn by the maximin lottery over the completions: {candidates} people could replace, {onsome} of them on some completion, each with a chance of at least {minimum}",
		"Remplacés par : {ids}, tirés par la loterie maximin sur les complétions : {candidates} personnes pouvaient remplacer, dont {onsome} dans au moins une complétion, chacune avec une chance d'au moins {minimum}"},
	CLIReplaceSeed: {"seed:s",
		"Seed:     {seed} (derived from the original commitment, seed and withdrawals)",
		"Graine :  {seed} (dérivée de l'engagement, de la graine et des désistements d'origine)"},
	CLICompleted: {"n:n file:s", "Completed: the new panel of {n}, in {file}", "Complété : le nouveau panel de {n}, dans {file}"},
	CLIDropTwice: {"id:s", "{id} is given twice in --drop", "{id} est donné deux fois dans --drop"},
	CLIDropNotCompleted: {"id:s dir:s",
		"{id} is not a member of the completed panel in {dir}",
		"{id} n'est pas membre du panel complété dans {dir}"},
	CLIDropNotDrawn: {"id:s dir:s",
		"{id} is not a member of the panel drawn in {dir}",
		"{id} n'est pas membre du panel tiré dans {dir}"},
	CLILeftForReplacement: {"",
		"With the members who stay, what is left of the quotas for the replacements:",
		"Avec les membres qui restent, voici ce qu'il reste des quotas pour les remplaçants :"},
	CLIAltChosen: {"n:n",
		"Alternates: {n}, chosen for the dropouts to come, in calling order",
		"Suppléants : {n}, choisis pour les désistements à venir, dans l'ordre d'appel"},
	CLIAltChosenIn: {"n:n file:s",
		"Alternates: {n}, chosen for the dropouts to come, in calling order, in {file}",
		"Suppléants : {n}, choisis pour les désistements à venir, dans l'ordre d'appel, dans {file}"},
	CLIAltLoss: {"loss:s s:n n:n bound:s",
		"          average loss {loss} over {s} scenarios (no set of {n} can do better than {bound})",
		"          perte moyenne {loss} sur {s} simulations (aucun ensemble de {n} ne peut faire mieux que {bound})"},
	CLIAltFresh:  {"s:n", "          over {s} fresh scenarios:", "          sur {s} nouvelles simulations :"},
	CLIAltHeader: {"", "alternates\texpected loss\tevery quota met\tfull panel", "suppléants\tperte attendue\ttous les quotas respectés\tpanel complet"},
	CLISetNone:   {"", "none", "aucun"},
	CLISetScaled: {"", "scaled quotas", "quotas proportionnels"},
	CLISetRanked: {"", "ranked list", "liste classée"},
	CLISetChosen: {"", "chosen (these)", "choisis (ceux-ci)"},
	CLIModelHeader: {"", "feature\tvalue\tfactor\tchance of attending\tattended",
		"caractéristique\tvaleur\tfacteur\tchance de venir\tvenus"},
	CLIModelEveryone:  {"", "(everyone)", "(tout le monde)"},
	CLIModelBase:      {"", "base: the commonest value of every feature", "base : la valeur la plus courante de chaque caractéristique"},
	CLIModelReference: {"value:s", "{value} (reference)", "{value} (référence)"},
	CLIModelAttended:  {"attended:n people:n", "{attended} of {people}", "{attended} sur {people}"},
	CLIDeclined:       {"ids:s", "Declined: {ids} (alternates passed over)", "Déclinés : {ids} (suppléants passés)"},
	CLINobody:         {"", "nobody", "personne"},
	CLICalled: {"ids:s available:n",
		"Called:   {ids}, of the {available} alternates available, in calling order: the replacement step (audit/SPEC.md 7.2.3)",
		"Appelés : {ids}, parmi les {available} suppléants disponibles, dans l'ordre d'appel : l'étape de remplacement (audit/SPEC.md 7.2.3)"},
	CLIMeetsEvery: {"", "meets every quota", "respecte tous les quotas"},
	CLILossFrom: {"loss:n",
		"is {loss} from the quotas and a full panel (the loss: people missing from a bound, and empty seats)",
		"est à {loss} des quotas et d'un panel complet (la perte : les personnes qui manquent à une borne, et les sièges vides)"},
	CLICompletedStatus: {"n:n status:r file:s",
		"Completed: the new panel of {n} {status}, in {file}",
		"Complété : le nouveau panel de {n} {status}, dans {file}"},
	CLIWarnHousehold: {"a:s b:s",
		"warning: {a} and {b}, both on the new panel, share a household: alternates are called by quota values only (doc/alternates.md)",
		"attention : {a} et {b}, tous deux dans le nouveau panel, sont du même foyer : les suppléants sont appelés d'après les seules valeurs des quotas (doc/alternates.md)"},
	CLIComparePool: {"file:s n:n k:n equal:s",
		"Pool:   {file}, {n} people; panel of {k}; equal chances would be {equal}",
		"Vivier : {file}, {n} personnes ; panel de {k} ; des chances égales seraient de {equal}"},
	CLICompareHeader: {"", "objective\tlowest\thighest\tGini\tgeometric mean\tbelow k/n\tcertificate\ttime",
		"objectif\tminimum\tmaximum\tGini\tmoyenne géométrique\tsous k/n\tcertificat\ttemps"},
	CLIFailed:           {"", "failed", "échec"},
	CLIYes:              {"", "yes", "oui"},
	CLINo:               {"", "no", "non"},
	CLIEstimatedWord:    {"", "estimated", "estimé"},
	CLIBatchHeader:      {"", "partner\tstatus\tpeople\tk\tlowest probability\tseed\tpanel", "partenaire\tstatut\tpersonnes\tk\tprobabilité minimale\tgraine\tpanel"},
	CLIBatchOK:          {"", "ok", "réussi"},
	CLIBatchFailed:      {"code:n", "failed (exit {code})", "échec (code {code})"},
	CLINotDrawn:         {"", "not drawn", "pas tiré"},
	CLIPanelOf:          {"index:n m:n", "{index} of {m}", "{index} sur {m}"},
	CLIBatchAllSelected: {"ok:n n:n", "{ok} of {n} partners selected.", "{ok} partenaires sur {n} tirés."},
	CLIBatchSomeFailed: {"ok:n n:n failed:n",
		"{ok} of {n} partners selected; {failed} failed:",
		"{ok} partenaires sur {n} tirés ; {failed} en échec :"},
	CLIBatchPartner:      {"name:s line:n", "{name} (manifest line {line}):", "{name} (ligne {line} du manifeste) :"},
	CLIBatchProgress:     {"done:n n:n", "batch: {done} of {n} partners done", "batch : {done} partenaires sur {n} traités"},
	CLIBatchProgressFail: {"failed:n", " ({failed} failed)", " ({failed} en échec)"},
	CLIBatchRunning:      {"names:s", "; running: {names}", " ; en cours : {names}"},
	CLIWrittenFile:       {"file:s", "Written:  {file}", "Écrit :   {file}"},
	CLIAddrMalformed: {"addr:s",
		"--addr {addr}: give HOST:PORT, such as 127.0.0.1:8080 (port 0: a free port)",
		"--addr {addr} : donnez HÔTE:PORT, comme 127.0.0.1:8080 (port 0 : un port libre)"},
	CLIAddrRemote: {"addr:s",
		"--addr {addr} is not this computer's own address (127.0.0.1, ::1 or localhost): other computers could reach the app, and the pool of volunteers, with their names and contacts, would travel over the network. Give --allow-remote if that is really what you want.",
		"--addr {addr} n'est pas l'adresse propre de cet ordinateur (127.0.0.1, ::1 ou localhost) : d'autres ordinateurs pourraient joindre l'application, et le vivier des volontaires, avec leurs noms et coordonnées, circulerait sur le réseau. Donnez --allow-remote si c'est vraiment ce que vous voulez."},
	CLICannotListen: {"addr:s err:s", "cannot listen on {addr}: {err}", "impossible d'écouter sur {addr} : {err}"},
	CLIWarnReachable: {"addr:s",
		"warning: the app is reachable from other computers at {addr}; anyone who can reach it can use it.",
		"attention : l'application est joignable depuis d'autres ordinateurs à {addr} ; quiconque peut la joindre peut s'en servir."},
	CLIServing: {"url:s",
		"tirage's web app is at {url}\nPress Ctrl-C to stop it.",
		"L'application web de tirage est à {url}\nAppuyez sur Ctrl-C pour l'arrêter."},
	CLINoBrowser: {"err:s url:s",
		"notice: cannot open the browser ({err}); open {url} in it.",
		"remarque : impossible d'ouvrir le navigateur ({err}) ; ouvrez-y {url}."},
	CLIHistoryFile:  {"", "the history file", "le fichier d'historique"},
	CLIDropoutModel: {"", "the dropout model", "le modèle de désistement"},
	CLICheckLine:    {"status:s name:s detail:s", "{status}  {name}: {detail}", "{status}  {name} : {detail}"},
	CLIUnexpectedArg: {"arg:s command:s",
		"unexpected argument {arg}\nRun 'tirage {command} -h' for help.",
		"argument inattendu {arg}\nLancez 'tirage {command} -h' pour l'aide."},
	CLIUnknownCommand: {"name:s",
		"unknown command {name}\nRun 'tirage help' for the list of commands.",
		"commande inconnue {name}\nLancez 'tirage help' pour la liste des commandes."},
	CLIBadLang: {"lang:s",
		"--lang: the language {lang} is not one tirage speaks; use en (English) or fr (French)",
		"--lang : la langue {lang} n'est pas une de celles que tirage parle ; utilisez en (anglais) ou fr (français)"},
	CLIFlagUndefined: {"flag:s command:s",
		"flag provided but not defined: {flag}\nRun 'tirage {command} -h' for help.",
		"option inconnue : {flag}\nLancez 'tirage {command} -h' pour l'aide."},
	CLIFlagNeedsArg: {"flag:s command:s",
		"flag needs an argument: {flag}\nRun 'tirage {command} -h' for help.",
		"l'option {flag} demande une valeur\nLancez 'tirage {command} -h' pour l'aide."},
	CLIFlagInvalid: {"flag:s err:s command:s",
		"{flag}: {err}\nRun 'tirage {command} -h' for help.",
		"{flag} : {err}\nLancez 'tirage {command} -h' pour l'aide."},
	CLIFlagError: {"err:s command:s",
		"{err}\nRun 'tirage {command} -h' for help.",
		"{err}\nLancez 'tirage {command} -h' pour l'aide."},
})

// The errors of the tirage command's flags and arguments.
const (
	CLIMissingFlag       Code = "cli-missing-flag"         // flag, command
	CLISeedFlags         Code = "cli-seed-flags"           //
	CLIOneArg            Code = "cli-one-arg"              // what, command
	CLINoArgs            Code = "cli-no-args"              //
	CLIArgManifest       Code = "cli-arg-manifest"         //
	CLIArgCommitted      Code = "cli-arg-committed"        //
	CLIArgOriginal       Code = "cli-arg-original"         //
	CLIArgSelection      Code = "cli-arg-selection"        //
	CLIPathError         Code = "cli-path-error"           // path, err
	CLINoSuchFile        Code = "cli-no-such-file"         //
	CLIPermissionDenied  Code = "cli-permission-denied"    //
	CLIIsADirectory      Code = "cli-is-a-directory"       //
	CLIAtLeastOne        Code = "cli-at-least-one"         // flag, n
	CLIRelaxOutInput     Code = "cli-relax-out-input"      // file
	CLICannotWrite       Code = "cli-cannot-write"         // file, err
	CLINoObjective       Code = "cli-no-objective"         // names
	CLIFlagSays          Code = "cli-flag-says"            // flag, err
	CLINoCommitted       Code = "cli-no-committed"         // err, dir
	CLIAlreadyDrawn      Code = "cli-already-drawn"        // dir, seed, index
	CLIPoolForDraw       Code = "cli-pool-for-draw"        // err
	CLINoHouseholdColumn Code = "cli-no-household-column"  //
	CLIOutIsOriginal     Code = "cli-out-is-original"      //
	CLIOriginalInsideOut Code = "cli-original-inside-out"  // dir, out
	CLICannotReadOrig    Code = "cli-cannot-read-original" // err
	CLINotDrawnYet       Code = "cli-not-drawn-yet"        // dir
	CLINeedsOriginal     Code = "cli-needs-original"       // dir, err
	CLIDeclinedAlone     Code = "cli-declined-alone"       //
	CLISeedBoth          Code = "cli-seed-both"            //
	CLISeedEmpty         Code = "cli-seed-empty"           //
	CLISeedNotUTF8       Code = "cli-seed-not-utf8"        //
	CLIPanelsRange       Code = "cli-panels-range"         // max, n
	CLINotNegative       Code = "cli-not-negative"         // flag, n
	CLICommitAlternates  Code = "cli-commit-alternates"    //
	CLICommitSeed        Code = "cli-commit-seed"          //
	CLISeedSourceAlone   Code = "cli-seed-source-alone"    //
)

var _ = register(map[Code]entry{
	CLIMissingFlag: {"flag:r command:s",
		"missing {flag}\nRun 'tirage {command} -h' for help.",
		"il manque {flag}\nLancez 'tirage {command} -h' pour l'aide."},
	CLISeedFlags: {"", "--seed or --seed-numbers", "--seed ou --seed-numbers"},
	CLIOneArg: {"what:r command:s",
		"give {what}, and only that, as the argument\nRun 'tirage {command} -h' for help.",
		"donnez {what}, et seulement cela, comme argument\nLancez 'tirage {command} -h' pour l'aide."},
	CLINoArgs:           {"", "takes no arguments", "ne prend pas d'argument"},
	CLIArgManifest:      {"", "the manifest file", "le fichier manifeste"},
	CLIArgCommitted:     {"", "the directory of a committed selection", "le dossier d'un tirage engagé"},
	CLIArgOriginal:      {"", "the directory of the original selection", "le dossier du tirage d'origine"},
	CLIArgSelection:     {"", "the directory of a selection", "le dossier d'un tirage"},
	CLIPathError:        {"path:s err:s", "{path}: {err}", "{path} : {err}"},
	CLINoSuchFile:       {"", "no such file or directory", "fichier ou dossier introuvable"},
	CLIPermissionDenied: {"", "permission denied", "permission refusée"},
	CLIIsADirectory:     {"", "is a directory", "est un dossier"},
	CLIAtLeastOne:       {"flag:s n:n", "{flag} must be 1 or more, not {n}", "{flag} doit valoir 1 ou plus, et non {n}"},
	CLIRelaxOutInput: {"file:s",
		"--relax-out {file} is an input file; choose another file (inputs are never overwritten)",
		"--relax-out {file} est un fichier d'entrée ; choisissez un autre fichier (les entrées ne sont jamais écrasées)"},
	CLICannotWrite: {"file:s err:s", "cannot write {file}: {err}", "impossible d'écrire {file} : {err}"},
	CLINoObjective: {"names:s",
		"--algorithms names no objective; choose among {names}",
		"--algorithms ne nomme aucun objectif ; choisissez parmi {names}"},
	CLIFlagSays: {"flag:s err:s", "{flag}: {err}", "{flag} : {err}"},
	CLINoCommitted: {"err:s dir:s",
		"cannot read the committed lottery: {err}\nRun 'tirage select --commit-only --out {dir} …' first.",
		"impossible de lire la loterie engagée : {err}\nLancez d'abord 'tirage select --commit-only --out {dir} …'."},
	CLIAlreadyDrawn: {"dir:s seed:s index:n",
		"the lottery in {dir} has already been drawn (seed {seed}, panel {index}); a committed lottery is drawn once",
		"la loterie de {dir} a déjà été tirée (graine {seed}, panel {index}) ; une loterie engagée n'est tirée qu'une fois"},
	CLIPoolForDraw: {"err:s",
		"cannot read the pool file: {err}; give the pool file the lottery was committed with as --pool FILE",
		"impossible de lire le fichier du vivier : {err} ; donnez le fichier du vivier avec lequel la loterie a été engagée, avec --pool FICHIER"},
	CLINoHouseholdColumn: {"",
		"--households names no column; give pool column names separated by commas, such as address1,postcode",
		"--households ne nomme aucune colonne ; donnez des noms de colonnes du vivier séparés par des virgules, comme adresse,code_postal"},
	CLIOutIsOriginal: {"",
		"the output directory is the original selection's; choose another one",
		"le dossier de sortie est celui du tirage d'origine ; choisissez-en un autre"},
	CLIOriginalInsideOut: {"dir:s out:s",
		"the original selection {dir} is inside the output folder {out}, which tirage replaces whole; choose another output folder",
		"le tirage d'origine {dir} est dans le dossier de sortie {out}, que tirage remplace en entier ; choisissez un autre dossier de sortie"},
	CLICannotReadOrig: {"err:s", "cannot read the original selection: {err}", "impossible de lire le tirage d'origine : {err}"},
	CLINotDrawnYet: {"dir:s",
		"the lottery in {dir} has not been drawn yet; draw it with 'tirage draw' first",
		"la loterie de {dir} n'a pas encore été tirée ; tirez-la d'abord avec 'tirage draw'"},
	CLINeedsOriginal: {"dir:s err:s",
		"{dir} replaces members of an earlier selection, which is needed to replace members again: {err}; give its folder with --original",
		"{dir} remplace des membres d'un tirage antérieur, nécessaire pour remplacer de nouveau des membres : {err} ; donnez son dossier avec --original"},
	CLIDeclinedAlone: {"",
		"--declined names alternates who could not come: give it with --from-alternates",
		"--declined nomme des suppléants qui n'ont pas pu venir : donnez-le avec --from-alternates"},
	CLISeedBoth:    {"", "give --seed or --seed-numbers, not both", "donnez --seed ou --seed-numbers, pas les deux"},
	CLISeedEmpty:   {"", "the seed is empty; give the seed text", "la graine est vide ; donnez le texte de la graine"},
	CLISeedNotUTF8: {"", "the seed is not valid UTF-8 text", "la graine n'est pas un texte UTF-8 valide"},
	CLIPanelsRange: {"max:n n:n", "--panels must be between 1 and {max}, not {n}", "--panels doit être entre 1 et {max}, et non {n}"},
	CLINotNegative: {"flag:s n:n", "{flag} must be 0 or more, not {n}", "{flag} doit valoir 0 ou plus, et non {n}"},
	CLICommitAlternates: {"",
		"--commit-only draws nothing, alternates included: give --alternates to 'tirage draw' once the seed is public",
		"--commit-only ne tire rien, suppléants compris : donnez --alternates à 'tirage draw' une fois la graine publique"},
	CLICommitSeed: {"",
		"--commit-only draws nothing: leave out the seed, and give it to 'tirage draw' once it is public",
		"--commit-only ne tire rien : ne donnez pas la graine, et donnez-la à 'tirage draw' une fois publique"},
	CLISeedSourceAlone: {"",
		"--seed-source names where an announced seed comes from, but no seed is given and tirage would generate one; give --seed or --seed-numbers, or --commit-only to announce the source before the seed exists",
		"--seed-source nomme d'où vient une graine annoncée, mais aucune graine n'est donnée et tirage en générerait une ; donnez --seed ou --seed-numbers, ou --commit-only pour annoncer la source avant que la graine existe"},
})

// The progress lines of long work, on the console's error stream.
const (
	CLIProgress         Code = "cli-progress"           // phase, iteration, panels
	CLIProgressMinimum  Code = "cli-progress-minimum"   // p
	CLIProgressUpper    Code = "cli-progress-upper"     // p
	CLIProgressDone     Code = "cli-progress-done"      // p
	CLIElapsed          Code = "cli-elapsed"            // s
	CLIDrawProgress     Code = "cli-draw-progress"      // phase
	CLIVerifyProgress   Code = "cli-verify-progress"    // what
	CLIDropoutProgress  Code = "cli-dropout-progress"   // stage, size, loss, scenarios
	CLIPhaseReadLottery Code = "cli-phase-read-lottery" //
	CLIPhaseReadPool    Code = "cli-phase-read-pool"    //
	CLIPhaseDrawing     Code = "cli-phase-drawing"      //
	CLIPhaseDropouts    Code = "cli-phase-dropouts"     //
	CLIPhaseWriting     Code = "cli-phase-writing"      //
)

var _ = register(map[Code]entry{
	CLIProgress:        {"phase:r iteration:n panels:n", "{phase}: iteration {iteration}, {panels} panels", "{phase} : itération {iteration}, {panels} panels"},
	CLIProgressMinimum: {"p:s", ", minimum probability {p}", ", probabilité minimale {p}"},
	CLIProgressUpper:   {"p:s", ", upper bound {p}", ", borne supérieure {p}"},
	CLIProgressDone:    {"p:s", ", {p} of the lottery found", ", {p} de la loterie trouvés"},
	CLIElapsed:         {"s:s", " ({s}s)", " ({s}\u00a0s)"},
	CLIDrawProgress:    {"phase:r", "draw: {phase}", "draw : {phase}"},
	CLIVerifyProgress:  {"what:r", "verify: checking {what}", "verify : vérifie {what}"},
	CLIDropoutProgress: {"stage:r size:n loss:s scenarios:n",
		"choosing alternates for dropouts: {stage}, {size} chosen, average loss {loss} over {scenarios} scenarios",
		"choix des suppléants pour les désistements : {stage}, {size} choisis, perte moyenne {loss} sur {scenarios} scénarios"},
	CLIPhaseReadLottery: {"", "reading the committed lottery", "lecture de la loterie engagée"},
	CLIPhaseReadPool:    {"", "reading the pool file", "lecture du fichier du vivier"},
	CLIPhaseDrawing:     {"", "drawing", "tirage"},
	CLIPhaseDropouts:    {"", "choosing the alternates for dropouts", "choix des suppléants pour les désistements"},
	CLIPhaseWriting:     {"", "writing the files", "écriture des fichiers"},
})

// The usage of the tirage command and the headings of a command's help
// (the manuals themselves are console/help/*.txt and help/fr/*.txt).
const (
	CLIUsage          Code = "cli-usage"           //
	CLIUsageHelp      Code = "cli-usage-help"      //
	CLIUsageExit      Code = "cli-usage-exit"      //
	CLIHelpUsage      Code = "cli-help-usage"      // usage
	CLIHelpFlags      Code = "cli-help-flags"      //
	CLIHelpDefault    Code = "cli-help-default"    // value
	CLIHelpUnknown    Code = "cli-help-unknown"    // name
	CLIAlgorithmHelp  Code = "cli-algorithm-help"  // algorithms, first, certified
	CLIDefaultWord    Code = "cli-default-word"    //
	CLICommandBatch   Code = "cli-command-batch"   //
	CLICommandCheck   Code = "cli-command-check"   //
	CLICommandCompare Code = "cli-command-compare" //
	CLICommandDraw    Code = "cli-command-draw"    //
	CLICommandDropout Code = "cli-command-dropout" //
	CLICommandVersion Code = "cli-command-version" //
	CLICommandReplace Code = "cli-command-replace" //
	CLICommandSelect  Code = "cli-command-select"  //
	CLICommandUI      Code = "cli-command-ui"      //
	CLICommandVerify  Code = "cli-command-verify"  //
	CLICommandHelp    Code = "cli-command-help"    //
)

var _ = register(map[Code]entry{
	CLIUsage: {"",
		"tirage draws citizens' panels by fair, auditable sortition.\n\nUsage:\n\n\ttirage <command> [flags]\n\nThe commands are:\n",
		"tirage tire au sort des panels de citoyens, de façon équitable et vérifiable.\n\nUtilisation :\n\n\ttirage <commande> [options]\n\nLes commandes sont :\n"},
	CLIUsageHelp: {"", "Run 'tirage help <command>' for more about a command.", "Lancez 'tirage help <commande>' pour en savoir plus sur une commande."},
	CLIUsageExit: {"",
		"Exit codes: 0 success; 1 a selection problem (such as quotas that cannot be met)\nor a failed verification; 2 a usage or input error; 3 an internal error (a bug\nin tirage); 4 the output could not be written (a full disk, no permission, or\nanother run writing the same folder).",
		"Codes de sortie : 0 réussite ; 1 un problème de tirage (comme des quotas qui ne\npeuvent pas être respectés) ou une vérification en échec ; 2 une erreur d'usage\nou d'entrée ; 3 une erreur interne (un défaut de tirage) ; 4 la sortie n'a pas pu\nêtre écrite (un disque plein, pas de permission, ou un autre lancement qui écrit\nle même dossier)."},
	CLIHelpUsage:   {"usage:s", "Usage: tirage {usage}", "Utilisation : tirage {usage}"},
	CLIHelpFlags:   {"", "Flags:", "Options :"},
	CLIHelpDefault: {"value:s", " (default {value})", " (par défaut {value})"},
	CLIHelpUnknown: {"name:s", "unknown command {name}", "commande inconnue {name}"},
	CLIAlgorithmHelp: {"algorithms:l first:s certified:l",
		"--algorithm chooses the objective among {algorithms} ({first} by default). Only {certified} come with an optimality certificate.",
		"--algorithm choisit l'objectif parmi {algorithms} ({first} par défaut). Seuls {certified} ont un certificat d'optimalité."},
	CLIDefaultWord:    {"", "(the default)", "(par défaut)"},
	CLICommandBatch:   {"", "run one selection per row of a manifest, in parallel", "lancer un tirage par ligne d'un manifeste, en parallèle"},
	CLICommandCheck:   {"", "check a pool and quota file before a selection", "vérifier un vivier et un fichier de quotas avant un tirage"},
	CLICommandCompare: {"", "compare the fairness objectives on one pool", "comparer les objectifs d'équité sur un vivier"},
	CLICommandDraw:    {"", "draw a panel from a lottery committed with select --commit-only", "tirer un panel d'une loterie engagée avec select --commit-only"},
	CLICommandDropout: {"", "fit a dropout model on the panels of past assemblies", "ajuster un modèle de désistement sur les panels d'assemblées passées"},
	CLICommandVersion: {"", "print the version of tirage", "afficher la version de tirage"},
	CLICommandReplace: {"", "replace selected people who withdrew", "remplacer des personnes tirées qui se sont désistées"},
	CLICommandSelect:  {"", "draw a panel by the fairest lottery that meets the quotas", "tirer un panel par la loterie la plus équitable qui respecte les quotas"},
	CLICommandUI:      {"", "open the web app in the browser, served from this computer", "ouvrir l'application web dans le navigateur, servie par cet ordinateur"},
	CLICommandVerify:  {"", "re-check a selection from its published files", "revérifier un tirage à partir de ses fichiers publiés"},
	CLICommandHelp:    {"", "show help for a command", "afficher l'aide d'une commande"},
})
