package message

// The reasons of the web app's own checks of a request (package web): the
// files or values a page must give, and how it gives them. Where a check is
// the command's, the web app uses the command's code (CLISeedEmpty, …).
const (
	WebNoOperation        Code = "web-no-operation"         // op, ops
	WebBadRequest         Code = "web-bad-request"          // error
	WebInputProblems      Code = "web-input-problems"       // n
	WebChooseQuotas       Code = "web-choose-quotas"        //
	WebChoosePool         Code = "web-choose-pool"          //
	WebPanelSize          Code = "web-panel-size"           // k
	WebSeedNumbers        Code = "web-seed-numbers"         // error
	WebSeedGenerated      Code = "web-seed-generated"       //
	WebSeedKind           Code = "web-seed-kind"            // kind
	WebAlternates         Code = "web-alternates"           // n
	WebCommitAlternates   Code = "web-commit-alternates"    //
	WebCommitSeed         Code = "web-commit-seed"          //
	WebSeedSourceGenerate Code = "web-seed-source-generate" //
	WebNoRecord           Code = "web-no-record"            // file
	WebChooseDrawPool     Code = "web-choose-draw-pool"     // file
	WebDrawSeed           Code = "web-draw-seed"            //
	WebChooseBundle       Code = "web-choose-bundle"        //
	WebBundleTooLarge     Code = "web-bundle-too-large"     // file, bytes
	WebZipEntry           Code = "web-zip-entry"            // file, entry, error
	WebBadZip             Code = "web-bad-zip"              // file, error
	WebSeveralSelections  Code = "web-several-selections"   // n
)

var _ = register(map[Code]entry{
	WebNoOperation: {"op:s ops:s", "no operation {op}: the operations are {ops}", "pas d'opération {op} : les opérations sont {ops}"},
	WebBadRequest:  {"error:r", "the request is not valid: {error}", "la requête n'est pas valide : {error}"},
	WebInputProblems: {"n:n",
		"the input files have {n} {n|problem|problems}",
		"les fichiers d'entrée ont {n} {n|problème|problèmes}"},
	WebChooseQuotas: {"", "choose the quota file", "choisissez le fichier de quotas"},
	WebChoosePool:   {"", "choose the pool file", "choisissez le fichier du vivier"},
	WebPanelSize: {"k:n",
		"the panel size must be a whole number of 1 or more, not {k}",
		"la taille du panel doit être un nombre entier de 1 ou plus, et non {k}"},
	WebSeedNumbers: {"error:r", "the seed's numbers: {error}", "les nombres de la graine : {error}"},
	WebSeedGenerated: {"",
		"a seed that tirage generates is not given: leave the seed empty, or choose another kind of seed",
		"une graine que tirage génère ne se donne pas : laissez la graine vide, ou choisissez un autre type de graine"},
	WebSeedKind: {"kind:s",
		"the kind of seed must be text, numbers or generate, not {kind}",
		"le type de graine doit être text, numbers ou generate, et non {kind}"},
	WebAlternates: {"n:n",
		"the number of alternates must be 0 or more, not {n}",
		"le nombre de suppléants doit être 0 ou plus, et non {n}"},
	WebCommitAlternates: {"",
		"a lottery that is only committed draws nothing, alternates included: choose the alternates when you draw, once the seed is public",
		"une loterie seulement engagée ne tire rien, suppléants compris : choisissez les suppléants au tirage, une fois la graine publique"},
	WebCommitSeed: {"",
		"a lottery that is only committed draws nothing: leave the seed empty, and draw once it is public",
		"une loterie seulement engagée ne tire rien : laissez la graine vide, et tirez une fois qu'elle est publique"},
	WebSeedSourceGenerate: {"",
		"the announced source of the seed names where an announced seed comes from, but tirage would generate the seed; give the seed, or commit now to announce the source before the seed exists",
		"la source annoncée de la graine dit d'où vient une graine annoncée, mais tirage générerait la graine ; donnez la graine, ou engagez maintenant pour annoncer la source avant que la graine existe"},
	WebNoRecord: {"file:s",
		"the committed selection has no {file}: choose the files of the folder that select wrote with commit only (or its zip)",
		"la sélection engagée n'a pas de {file} : choisissez les fichiers du dossier que select a écrit en engagement seul (ou son zip)"},
	WebChooseDrawPool: {"file:s",
		"choose the pool file the lottery was committed with ({file})",
		"choisissez le fichier du vivier avec lequel la loterie a été engagée ({file})"},
	WebDrawSeed: {"",
		"a committed lottery is drawn with the public seed announced for it: give its text or numbers",
		"une loterie engagée se tire avec la graine publique annoncée pour elle : donnez son texte ou ses nombres"},
	WebChooseBundle: {"", "choose the files of the bundle, or its zip", "choisissez les fichiers du dossier publié, ou son zip"},
	WebBundleTooLarge: {"file:s bytes:n",
		"{file} expands to more than {bytes} bytes",
		"{file} se décompresse en plus de {bytes} octets"},
	WebZipEntry: {"file:s entry:s error:r", "{file}: cannot read {entry}: {error}", "{file} : impossible de lire {entry} : {error}"},
	WebBadZip:   {"file:s error:r", "{file} is not a zip file that can be read: {error}", "{file} n'est pas un fichier zip lisible : {error}"},
	WebSeveralSelections: {"n:n",
		"the files hold {n} selections, and none replaces the others: verify them one at a time, or add the selections that connect them",
		"les fichiers contiennent {n} sélections, et aucune ne remplace les autres : vérifiez-les une à une, ou ajoutez les sélections qui les relient"},
})
