package report

import (
	"github.com/tirage/tirage/message"
)

// text holds a report's sentences in one language. Format verbs are
// filled in by the renderers; every field must be set (TestTextComplete).
type text struct {
	Title          string
	Subtitle       string // k, n
	MadeBy         string // tool, date
	InShort        string
	ShortQuotas    string // k, n, number of quotas, categories
	ShortChances   string // minimum, 1 in r, equal, k, n
	ShortEqual     string // equal, k, n: when everyone has the same chance
	ShortZero      string // people who cannot be selected
	ShortNoZero    string
	ShortRounded   string // m
	ShortDrawn     string // seed, index, m
	ShortNotDrawn  string
	ShortVerify    string
	Chances        string
	PlotCaption    string // n, equal, k, n
	PlotAxisX      string
	PlotAxisY      string
	PlotEqual      string // equal
	PlotTitle      string
	Lowest         string
	LowestHelp     string
	Highest        string
	HighestHelp    string
	GiniName       string
	GiniHelp       string
	GeoMean        string
	GeoMeanHelp    string
	OverSelectable string // selectable, zero
	OverEveryone   string // n
	Uniform        string // m, m, m
	Spread         string
	SpreadHelp     string
	Median         string
	SpreadLowest   string
	SpreadHighest  string
	QuotasTitle    string
	QuotasHelp     string
	QuotasBars     string
	Category       string
	Value          string
	Min            string
	Max            string
	InPool         string
	OnPanel        string
	AvgChance      string
	LegendPool     string
	LegendQuota    string
	LegendPanel    string
	NotDrawnCell   string
	ZeroTitle      string
	ZeroNone       string
	ZeroIntro      string
	Households     string // columns
	DrawTitle      string
	DrawHelp       string
	SeedKindLabel  string
	SeedSourceLbl  string
	SeedKindShort  map[string]string // per audit.SeedKind
	SeedKindHelp   map[string]string // per audit.SeedKind
	CommitHelp     string
	Commitment     string
	Seed           string
	DrawnPanel     string
	DrawnIndex     string // index, m
	NotDrawn       string
	NotDrawnHelp   string // dir
	StepsTitle     string
	StepNames      map[string]string
	VerifyTitle    string
	VerifyInstall  string
	VerifyFull     string
	VerifyOnly     string
	VerifyResult   string
	TechTitle      string
	Tool           string
	Algorithm      string
	Optimum        string
	UpperBound     string
	NoCertificate  string
	UniformMin     string
	MaxShift       string
	PoolDigest     string
	QuotasDigest   string
	RecordDigest   string
	PublishTitle   string
	Publish        string
	PublishPrivate string
	Person         string // the plural forms of "person"
	People         string
	// ObjectiveOther names an objective the registry does not list
	// (algorithm); those it lists say what they do in
	// sortition.Objective.About.
	ObjectiveOther string
	ShortCertain   string // people
	CertainTitle   string
	CertainNone    string
	CertainIntro   string
	ReasonTogether map[string]string // per algorithm, the quotas together; "" for the others
	Contact        string            // contact
	PanelIDsTitle  string
	PanelIDsHelp   string // people
	ChartTitle     string // category
	ChartPool      string
	ChartQuota     string
	ChartPanel     string
	WhyMore        string // category, value, pool share, min share, average, equal
	WhyLess        string // category, value, pool share, max share, average, equal
	WhyWithin      string // category, value, pool share, min share, max share, average, equal
	WhyNone        string // category, value
	// The alternates chosen for the dropouts to come (dropout.go).
	AltTitle    string
	AltHelp     string // n, source, scenarios
	AltColumn   string // column
	AltModel    string // model file, its SHA-256's start
	AltSet      string
	AltLoss     string
	AltMeet     string
	AltFull     string
	AltSets     map[string]string // per audit.FigureSets
	AltLossHelp string
	AltIDs      string // ids
	AltBound    string // scenarios, average loss, n, bound
	AltNoHouse  string
}

var texts = map[Lang]*text{
	English: {
		Title:          "Fairness report",
		Subtitle:       "Selection of a panel of %s people from a pool of %s volunteers",
		MadeBy:         "Made with %s on %s.",
		InShort:        "In short",
		ShortQuotas:    "%s people are chosen by lot from %s volunteers, so that the panel meets %s quotas on: %s.",
		ShortChances:   "Every volunteer who can be selected has a chance of at least %s (about 1 in %s). If everyone had the same chance it would be %s (%s in %s). The quotas make equal chances impossible.",
		ShortEqual:     "Every volunteer has the same chance of being selected: %s (%s in %s).",
		ShortZero:      "Some people cannot be selected by any panel that meets the quotas: see “People who cannot be selected”.",
		ShortNoZero:    "Everyone in the pool can be selected.",
		ShortRounded:   "Everyone in the pool can be on a panel that meets the quotas, but some have none of the %s panels drawn from: see “People who cannot be selected”.",
		ShortDrawn:     "The panel was drawn with the seed “%s” (%s): panel number %s of the %s panels of the lottery.",
		ShortNotDrawn:  "The panel has not been drawn yet: the lottery is fixed, and will be drawn with a seed that does not exist yet.",
		ShortVerify:    "Anyone can check this selection from the published files: see “How to verify”.",
		Chances:        "Chances of selection",
		PlotCaption:    "Each person's probability of selection, from the lowest to the highest (%s people, one step each). The dashed line is %s, the chance everyone would have if all were equal (%s in %s).",
		PlotAxisX:      "people, from the lowest chance to the highest",
		PlotAxisY:      "probability of selection",
		PlotEqual:      "equal chances: %s",
		PlotTitle:      "Probability of selection of each person, sorted",
		Lowest:         "Lowest probability",
		LowestHelp:     "the chance of the people least likely to be chosen",
		Highest:        "Highest probability",
		HighestHelp:    "the chance of the people most likely to be chosen",
		GiniName:       "Gini coefficient",
		GiniHelp:       "0 when everyone has the same chance; the more unequal the chances, the closer to 1",
		GeoMean:        "Geometric mean",
		GeoMeanHelp:    "a typical chance, which the lowest chances pull down",
		OverSelectable: "These figures are over the %s people who can be selected; the %s who cannot (probability 0, see below) are left out, as they would make the lowest probability and the geometric mean 0.",
		OverEveryone:   "These figures are over all %s people: everyone can be selected.",
		Uniform:        "The probabilities are those of the lottery the panel is drawn from: %s panels that meet the quotas, each drawn with probability 1/%s. A person's probability is the number of these panels that include them, divided by %s.",
		Spread:         "How the probabilities are spread",
		SpreadHelp:     "For instance, the median is the probability that half of the people who can be selected have or are below.",
		Median:         "median",
		SpreadLowest:   "lowest",
		SpreadHighest:  "highest",
		QuotasTitle:    "The quotas, the pool and the panel",
		QuotasHelp:     "For each quota value: the number of panel members it requires (min and max), how many people in the pool have it, how many the drawn panel has, and the average probability of selection of the people who have it.",
		QuotasBars:     "When a value's share of the pool is below the share of the panel its quota requires, its members need higher chances of selection; when it is above, lower chances. This is why probabilities differ.",
		Category:       "Category",
		Value:          "Value",
		Min:            "Min",
		Max:            "Max",
		InPool:         "In the pool",
		OnPanel:        "On the panel",
		AvgChance:      "Average probability",
		LegendPool:     "share of the pool",
		LegendQuota:    "share of the panel the quota allows (min to max)",
		LegendPanel:    "share of the drawn panel",
		NotDrawnCell:   "not drawn yet",
		ZeroTitle:      "People who cannot be selected",
		ZeroNone:       "None: every person in the pool is on at least one panel that meets the quotas, and has a chance of being selected.",
		ZeroIntro:      "These people have probability 0. This is not a choice of the lottery: no lottery that meets the quotas could give them a chance.",
		Households:     "At most one person per household may be on the panel (households are identified by: %s).",
		DrawTitle:      "The draw",
		DrawHelp:       "Before the draw, the lottery (all its panels) was fixed, and its fingerprint, the commitment below, computed: a SHA-256 hash that would change if anything in the lottery changed. The seed then decides which panel is drawn: the commitment and the seed give the panel number, and the same seed always gives the same panel.",
		SeedKindLabel:  "Kind of seed",
		SeedSourceLbl:  "Announced source of the seed",
		SeedKindShort: map[string]string{
			"text":      "a text given to tirage",
			"rfc3797":   "public numbers, RFC 3797",
			"generated": "generated by tirage on the computer that ran it, not public",
			"derived":   "derived from the original selection",
		},
		SeedKindHelp: map[string]string{
			"text":      "The seed is a text given to tirage. It protects the draw only if it was announced in advance and nobody could know or choose it before the commitment was published: compare it with its announced source.",
			"rfc3797":   "The seed is a list of public random numbers, such as lottery results, in the canonical form of RFC 3797. Anyone can compare them with the results their source published; they protect the draw if that source was announced before the numbers existed.",
			"generated": "The seed was generated by tirage on the computer that ran it. It is not a public seed: nobody else saw it made, and whoever ran tirage could have run it several times and kept the panel they preferred. This draw is only as trustworthy as they are.",
			"derived":   "This is a replacement: its seed is derived from the original selection's commitment and seed and from the members who withdrew (audit/SPEC.md 9.2). Nobody chooses it, but anyone who knows the withdrawals can compute it, so withdrawals should be recorded as they happen.",
		},
		CommitHelp:     "The commitment protects the draw only if it was published, where its date is beyond dispute, before the seed existed: the times below are claims of whoever ran tirage. A lottery committed and drawn in one run (tirage select with a seed) was committed with the seed already known; the commitment then shows only that the panel follows from this lottery and this seed.",
		Commitment:     "Commitment",
		Seed:           "Seed",
		DrawnPanel:     "Drawn panel",
		DrawnIndex:     "number %s of %s (counting from 0)",
		NotDrawn:       "Not drawn yet",
		NotDrawnHelp:   "Publish the commitment (or the folder public/) now, with the source of the future seed, such as the numbers of a named public lottery on a named date. Once the seed is public, the panel is drawn, in the selection folder (the one that holds public/, not public/ itself), with:",
		StepsTitle:     "Steps",
		StepNames:      map[string]string{"inputs read": "inputs read", "lottery computed": "lottery computed", "committed": "lottery committed", "drawn": "panel drawn"},
		VerifyTitle:    "How to verify",
		VerifyInstall:  "Install tirage (download the file for your computer from its releases, as its README explains, or run go install github.com/tirage/tirage/cmd/tirage@latest), open a terminal in the folder that holds this report and audit.json, and run:",
		VerifyFull:     "to check everything, including the input files:",
		VerifyOnly:     "to check it with the published files alone (the folder public/, in which this command runs as well):",
		VerifyResult:   "verify prints every check with OK or FAILED, and ends with “Verified” when all pass. It recomputes the lottery's panels against the quotas, the proof that no lottery gives the least likely people a higher chance, the commitment and the draw.",
		TechTitle:      "Technical details",
		Tool:           "Made with",
		Algorithm:      "Lottery",
		Optimum:        "Lowest probability of the exact lottery",
		UpperBound:     "Certified upper bound (no lottery does better)",
		NoCertificate:  "none: this objective has no optimality certificate",
		UniformMin:     "Lowest probability after rounding to the drawn panels",
		MaxShift:       "Largest change of a probability by the rounding",
		PoolDigest:     "Pool file SHA-256",
		QuotasDigest:   "Quota file SHA-256",
		Person:         "person",
		People:         "people",
		ObjectiveOther: "This selection used the %s lottery.",
		ShortCertain:   "Certain to be selected: %s (see “People certain to be selected”).",
		CertainTitle:   "People certain to be selected",
		CertainNone:    "None: nobody is on every panel of the lottery.",
		CertainIntro:   "These people are on every panel of the lottery drawn from (probability 1), for the reason given.",
		ReasonTogether: map[string]string{
			"leximin": "no quota forces it on its own; it comes from the quotas together: the leximin lottery found no way to give them less without lowering the chances of people less likely to be chosen",
			"":        "no quota forces it on its own: this lottery gives it, where the leximin lottery (tirage's default) gives a certain seat only when the quotas require it to keep the lower chances as high",
		},
		Contact:        "Contact: %s",
		PanelIDsTitle:  "The panel's public ids",
		PanelIDsHelp:   "The %s drawn, by the public id each received with their receipt; their names and other details stay with the organisers.",
		ChartTitle:     "%s: share of the pool, quota range and share of the panel",
		ChartPool:      "in the pool",
		ChartQuota:     "quota range",
		ChartPanel:     "on the panel",
		WhyMore:        "People with %s = %s are %s of the pool but the quotas require at least %s of the panel, so each has a higher chance of selection (%s on average, against %s if everyone had the same chance).",
		WhyLess:        "People with %s = %s are %s of the pool but the quotas allow at most %s of the panel, so each has a lower chance of selection (%s on average, against %s if everyone had the same chance).",
		WhyWithin:      "People with %s = %s are %s of the pool, within the %s to %s of the panel the quotas allow, so this quota neither raises nor lowers their chances; the quotas of the other categories may (%s on average, against %s if everyone had the same chance).",
		WhyNone:        "Nobody in the pool has %s = %s.",
		AltTitle:       "Alternates for the members who will drop out",
		AltHelp:        "Some members drop out before the first session, more often in some groups. These %s alternates were chosen from each volunteer's chance of dropping out (%s) so that, called in their order as members drop out, the panel stays as close as possible to the quotas. The figures are averages over %s simulated dropouts drawn from the seed, fresh ones, not those the alternates were chosen on; tirage verify repeats them.",
		AltColumn:      "the column %s of the pool",
		AltModel:       "the dropout model %s, SHA-256 %s…, fitted on past panels",
		AltSet:         "Alternates",
		AltLoss:        "Expected loss",
		AltMeet:        "Every quota met",
		AltFull:        "Full panel",
		AltSets:        map[string]string{"none": "None", "scaled": "As many, a small copy of the panel (scaled quotas)", "ranked": "As many, ranked from the lottery's other panels", "chosen": "These alternates"},
		AltLossHelp:    "The loss counts, once the alternates are called, the people missing from or beyond each quota's bounds and the empty seats: 0 is a full panel that meets every quota. “Every quota met” and “Full panel” are the shares of the simulations in which that happened.",
		AltIDs:         "In calling order: %s.",
		AltBound:       "Over the %s simulations they were chosen on, their average loss is %s; no set of %s alternates can do better than %s.",
		AltNoHouse:     "The alternates are chosen by quota values only: check the household rule by hand before calling one.",
		RecordDigest:   "Audit record (audit.json) SHA-256",
		PublishTitle:   "What to publish",
		Publish:        "Publish the folder public/ of the selection folder, as it is: audit.json, probabilities.csv, receipts.csv, the panel (panel.csv) and, when there are any, the alternates and the completed panel, as ids only, and this report. It holds no names, e-mail addresses, addresses or other columns of the pool: only each volunteer's id and quota values (gender, age band, …).",
		PublishPrivate: "Keep everything else in the selection folder private: panel.csv, remaining.csv, alternates.csv and completed.csv there hold every column of the pool, names and contacts included, to contact the people selected. If the ids themselves are names, e-mail addresses or phone numbers, give each volunteer an opaque id (such as P0001) in a column of the pool, select again with --id-column, and keep the list that links ids to people private.",
	},
	French: {
		Title:          "Rapport d'équité",
		Subtitle:       "Tirage au sort d'un panel de %s personnes parmi %s volontaires",
		MadeBy:         "Établi avec %s le %s.",
		InShort:        "En bref",
		ShortQuotas:    "%s personnes sont tirées au sort parmi %s volontaires, de sorte que le panel respecte %s quotas portant sur : %s.",
		ShortChances:   "Chaque volontaire qui peut être tiré au sort a une chance d'au moins %s (environ 1 sur %s). Si tout le monde avait la même chance, elle serait de %s (%s sur %s). Les quotas rendent l'égalité des chances impossible.",
		ShortEqual:     "Chaque volontaire a la même chance d'être tiré au sort : %s (%s sur %s).",
		ShortZero:      "Certaines personnes ne peuvent figurer dans aucun panel qui respecte les quotas : voir « Personnes qui ne peuvent pas être tirées ».",
		ShortNoZero:    "Toutes les personnes du vivier peuvent être tirées au sort.",
		ShortRounded:   "Chaque personne du vivier peut figurer dans un panel qui respecte les quotas, mais certaines ne figurent dans aucun des %s panels du tirage : voir « Personnes qui ne peuvent pas être tirées ».",
		ShortDrawn:     "Le panel a été tiré avec la graine « %s » (%s) : panel numéro %s parmi les %s panels de la loterie.",
		ShortNotDrawn:  "Le panel n'est pas encore tiré : la loterie est fixée, et sera tirée avec une graine qui n'existe pas encore.",
		ShortVerify:    "Chacun peut vérifier ce tirage à partir des fichiers publiés : voir « Comment vérifier ».",
		Chances:        "Les chances d'être tiré au sort",
		PlotCaption:    "La probabilité d'être tiré au sort de chaque personne, de la plus faible à la plus forte (%s personnes, une marche chacune). La ligne en tirets vaut %s, la chance de chacun si toutes étaient égales (%s sur %s).",
		PlotAxisX:      "personnes, de la plus faible chance à la plus forte",
		PlotAxisY:      "probabilité d'être tiré au sort",
		PlotEqual:      "chances égales : %s",
		PlotTitle:      "Probabilité d'être tiré au sort de chaque personne, triée",
		Lowest:         "Probabilité la plus faible",
		LowestHelp:     "la chance des personnes qui ont le moins de chances d'être tirées",
		Highest:        "Probabilité la plus forte",
		HighestHelp:    "la chance des personnes qui ont le plus de chances d'être tirées",
		GiniName:       "Coefficient de Gini",
		GiniHelp:       "0 quand tout le monde a la même chance ; plus les chances sont inégales, plus il est proche de 1",
		GeoMean:        "Moyenne géométrique",
		GeoMeanHelp:    "une chance typique, que les chances les plus faibles tirent vers le bas",
		OverSelectable: "Ces chiffres portent sur les %s personnes qui peuvent être tirées ; les %s qui ne le peuvent pas (probabilité 0, voir plus bas) sont laissées de côté, car elles rendraient nulles la probabilité la plus faible et la moyenne géométrique.",
		OverEveryone:   "Ces chiffres portent sur les %s personnes : toutes peuvent être tirées.",
		Uniform:        "Les probabilités sont celles de la loterie dans laquelle le panel est tiré : %s panels qui respectent les quotas, chacun tiré avec la probabilité 1/%s. La probabilité d'une personne est le nombre de ces panels qui la comprennent, divisé par %s.",
		Spread:         "La répartition des probabilités",
		SpreadHelp:     "Par exemple, la médiane est la probabilité que la moitié des personnes qui peuvent être tirées atteignent au plus.",
		Median:         "médiane",
		SpreadLowest:   "la plus faible",
		SpreadHighest:  "la plus forte",
		QuotasTitle:    "Les quotas, le vivier et le panel",
		QuotasHelp:     "Pour chaque valeur d'un quota : le nombre de membres du panel qu'il exige (min et max), le nombre de personnes du vivier qui ont cette valeur, le nombre dans le panel tiré, et la probabilité moyenne d'être tiré des personnes qui l'ont.",
		QuotasBars:     "Quand la part d'une valeur dans le vivier est inférieure à la part du panel qu'exige son quota, ses membres ont besoin de plus de chances d'être tirés ; quand elle est supérieure, de moins de chances. C'est pourquoi les probabilités diffèrent.",
		Category:       "Catégorie",
		Value:          "Valeur",
		Min:            "Min",
		Max:            "Max",
		InPool:         "Dans le vivier",
		OnPanel:        "Dans le panel",
		AvgChance:      "Probabilité moyenne",
		LegendPool:     "part du vivier",
		LegendQuota:    "part du panel permise par le quota (du min au max)",
		LegendPanel:    "part du panel tiré",
		NotDrawnCell:   "pas encore tiré",
		ZeroTitle:      "Personnes qui ne peuvent pas être tirées",
		ZeroNone:       "Aucune : chaque personne du vivier figure dans au moins un panel qui respecte les quotas, et a une chance d'être tirée.",
		ZeroIntro:      "Ces personnes ont une probabilité nulle. Ce n'est pas un choix de la loterie : aucune loterie qui respecte les quotas ne pourrait leur donner une chance.",
		Households:     "Au plus une personne par foyer peut figurer dans le panel (les foyers sont identifiés par : %s).",
		DrawTitle:      "Le tirage",
		DrawHelp:       "Avant le tirage, la loterie (tous ses panels) a été fixée et son empreinte, l'engagement ci-dessous, calculée : un hachage SHA-256 qui changerait si quoi que ce soit changeait dans la loterie. La graine décide ensuite quel panel est tiré : l'engagement et la graine donnent le numéro du panel, et la même graine donne toujours le même panel.",
		SeedKindLabel:  "Nature de la graine",
		SeedSourceLbl:  "Source annoncée de la graine",
		SeedKindShort: map[string]string{
			"text":      "un texte donné à tirage",
			"rfc3797":   "des nombres publics, RFC 3797",
			"generated": "générée par tirage sur l'ordinateur qui l'a exécuté, non publique",
			"derived":   "dérivée du tirage d'origine",
		},
		SeedKindHelp: map[string]string{
			"text":      "La graine est un texte donné à tirage. Elle ne protège le tirage que si elle a été annoncée à l'avance et que personne ne pouvait la connaître ni la choisir avant la publication de l'engagement : comparez-la à sa source annoncée.",
			"rfc3797":   "La graine est une liste de nombres aléatoires publics, comme les résultats d'une loterie, sous la forme canonique de la RFC 3797. Chacun peut les comparer aux résultats publiés par leur source ; ils protègent le tirage si cette source a été annoncée avant que les nombres existent.",
			"generated": "La graine a été générée par tirage sur l'ordinateur qui l'a exécuté. Ce n'est pas une graine publique : personne d'autre ne l'a vue naître, et qui a lancé tirage aurait pu le lancer plusieurs fois et garder le panel qu'il préférait. Ce tirage ne mérite que la confiance qu'on accorde à cette personne.",
			"derived":   "Il s'agit d'un remplacement : sa graine est dérivée de l'engagement et de la graine du tirage d'origine et des membres qui se sont retirés (audit/SPEC.md 9.2). Personne ne la choisit, mais quiconque connaît les retraits peut la calculer : les retraits doivent donc être consignés au moment où ils ont lieu.",
		},
		CommitHelp:     "L'engagement ne protège le tirage que s'il a été publié, là où sa date est incontestable, avant que la graine existe : les heures ci-dessous sont des affirmations de qui a lancé tirage. Une loterie engagée et tirée en une seule exécution (tirage select avec une graine) a été engagée alors que la graine était déjà connue ; l'engagement montre alors seulement que le panel découle de cette loterie et de cette graine.",
		Commitment:     "Engagement",
		Seed:           "Graine",
		DrawnPanel:     "Panel tiré",
		DrawnIndex:     "numéro %s sur %s (en comptant à partir de 0)",
		NotDrawn:       "Pas encore tiré",
		NotDrawnHelp:   "Publiez dès maintenant l'engagement (ou le dossier public/), avec la source de la future graine, par exemple les numéros d'une loterie publique nommée à une date donnée. Une fois la graine publique, le panel est tiré, dans le dossier du tirage (celui qui contient public/, et non public/ lui-même), avec :",
		StepsTitle:     "Étapes",
		StepNames:      map[string]string{"inputs read": "fichiers lus", "lottery computed": "loterie calculée", "committed": "loterie engagée", "drawn": "panel tiré"},
		VerifyTitle:    "Comment vérifier",
		VerifyInstall:  "Installez tirage (téléchargez le fichier pour votre ordinateur parmi ses versions publiées, comme l'explique son README, ou lancez go install github.com/tirage/tirage/cmd/tirage@latest), ouvrez un terminal dans le dossier qui contient ce rapport et audit.json, et lancez :",
		VerifyFull:     "pour tout vérifier, y compris les fichiers d'entrée :",
		VerifyOnly:     "pour vérifier avec les seuls fichiers publiés (le dossier public/, dans lequel cette commande fonctionne aussi) :",
		VerifyResult:   "verify affiche chaque contrôle avec OK ou FAILED, et se termine par « Verified » quand tous réussissent. Il recalcule les panels de la loterie face aux quotas, la preuve qu'aucune loterie ne donne une plus grande chance aux personnes qui en ont le moins, l'engagement et le tirage.",
		TechTitle:      "Détails techniques",
		Tool:           "Établi avec",
		Algorithm:      "Loterie",
		Optimum:        "Probabilité la plus faible de la loterie exacte",
		UpperBound:     "Borne supérieure certifiée (aucune loterie ne fait mieux)",
		NoCertificate:  "aucune : cet objectif n'a pas de certificat d'optimalité",
		UniformMin:     "Probabilité la plus faible après arrondi aux panels du tirage",
		MaxShift:       "Plus grand changement d'une probabilité par l'arrondi",
		PoolDigest:     "SHA-256 du fichier du vivier",
		QuotasDigest:   "SHA-256 du fichier des quotas",
		Person:         "personne",
		People:         "personnes",
		ObjectiveOther: "Cette sélection a utilisé la loterie %s.",
		ShortCertain:   "Assurées d'être tirées : %s (voir « Personnes assurées d'être tirées »).",
		CertainTitle:   "Personnes assurées d'être tirées",
		CertainNone:    "Aucune : personne ne figure dans tous les panels de la loterie.",
		CertainIntro:   "Ces personnes figurent dans tous les panels de la loterie du tirage (probabilité 1), pour la raison indiquée.",
		ReasonTogether: map[string]string{
			"leximin": "aucun quota ne l'impose à lui seul ; cela vient des quotas ensemble : la loterie leximin n'a trouvé aucun moyen de leur donner moins sans baisser les chances de personnes qui en ont moins",
			"":        "aucun quota ne l'impose à lui seul : cette loterie le donne, alors que la loterie leximin (celle de tirage par défaut) ne donne de place assurée que si les quotas l'exigent pour garder les chances plus faibles aussi hautes",
		},
		Contact:        "Contact : %s",
		PanelIDsTitle:  "Les identifiants publics du panel",
		PanelIDsHelp:   "Les %s tirées, par l'identifiant public que chacune a reçu avec son reçu ; leurs noms et coordonnées restent chez les organisateurs.",
		ChartTitle:     "%s : part du vivier, fourchette des quotas et part du panel",
		ChartPool:      "dans le vivier",
		ChartQuota:     "fourchette des quotas",
		ChartPanel:     "dans le panel",
		WhyMore:        "Les personnes avec %s = %s forment %s du vivier, mais les quotas exigent au moins %s du panel : chacune a donc plus de chances d'être tirée (%s en moyenne, contre %s si tous avaient la même chance).",
		WhyLess:        "Les personnes avec %s = %s forment %s du vivier, mais les quotas permettent au plus %s du panel : chacune a donc moins de chances d'être tirée (%s en moyenne, contre %s si tous avaient la même chance).",
		WhyWithin:      "Les personnes avec %s = %s forment %s du vivier, entre les %s et %s du panel que permettent les quotas : ce quota n'augmente ni ne diminue leurs chances ; ceux des autres catégories le peuvent (%s en moyenne, contre %s si tous avaient la même chance).",
		WhyNone:        "Personne dans le vivier n'a %s = %s.",
		AltTitle:       "Suppléants pour les membres qui se désisteront",
		AltHelp:        "Des membres se désistent avant la première séance, plus souvent dans certains groupes. Ces %s suppléants ont été choisis d'après la probabilité de désistement de chaque volontaire (%s), pour que, appelés dans leur ordre à mesure des désistements, le panel reste aussi proche que possible des quotas. Les chiffres sont des moyennes sur %s désistements simulés à partir de la graine, autres que ceux sur lesquels les suppléants ont été choisis ; tirage verify les refait.",
		AltColumn:      "la colonne %s du vivier",
		AltModel:       "le modèle de désistement %s, SHA-256 %s…, ajusté sur des panels passés",
		AltSet:         "Suppléants",
		AltLoss:        "Perte attendue",
		AltMeet:        "Tous les quotas respectés",
		AltFull:        "Panel complet",
		AltSets:        map[string]string{"none": "Aucun", "scaled": "Autant, une copie réduite du panel (quotas proportionnels)", "ranked": "Autant, classés d'après les autres panels de la loterie", "chosen": "Ces suppléants"},
		AltLossHelp:    "La perte compte, une fois les suppléants appelés, les personnes qui manquent ou dépassent les bornes de chaque quota et les sièges vides : 0 est un panel complet qui respecte tous les quotas. « Tous les quotas respectés » et « Panel complet » sont les parts des simulations où c'est le cas.",
		AltIDs:         "Dans l'ordre d'appel : %s.",
		AltBound:       "Sur les %s simulations où ils ont été choisis, leur perte moyenne est %s ; aucun ensemble de %s suppléants ne peut faire mieux que %s.",
		AltNoHouse:     "Les suppléants sont choisis d'après les seules valeurs des quotas : vérifiez à la main la règle des foyers avant d'en appeler un.",
		RecordDigest:   "SHA-256 du registre d'audit (audit.json)",
		PublishTitle:   "Ce qu'il faut publier",
		Publish:        "Publiez le dossier public/ du dossier du tirage, tel quel : audit.json, probabilities.csv, receipts.csv, le panel (panel.csv) et, s'il y en a, les suppléants et le panel complété, réduits aux identifiants, et ce rapport. Il ne contient ni noms, ni adresses électroniques, ni adresses, ni aucune autre colonne du vivier : seulement l'identifiant et les valeurs de quota (genre, tranche d'âge, …) de chaque volontaire.",
		PublishPrivate: "Gardez privé tout le reste du dossier du tirage : panel.csv, remaining.csv, alternates.csv et completed.csv y contiennent toutes les colonnes du vivier, noms et coordonnées compris, pour contacter les personnes tirées. Si les identifiants eux-mêmes sont des noms, des adresses électroniques ou des numéros de téléphone, donnez à chaque volontaire un identifiant neutre (par exemple P0001) dans une colonne du vivier, refaites le tirage avec --id-column, et gardez privée la liste qui relie les identifiants aux personnes.",
	},
}

// t returns the report's sentences.
func (r *Report) t() *text { return texts[r.Lang] }

// num writes a whole number with the language's thousands separator.
func (r *Report) num(n int) string { return message.Int(n, r.Lang) }

// decimal writes x with the given number of decimals and the language's
// decimal mark.
func (r *Report) decimal(x float64, decimals int) string { return message.Decimal(x, decimals, r.Lang) }

// percentDecimals is the number of decimals with which probabilities are
// written as percentages: enough to tell one ticket of M from the next
// when M divides 1000 (1 decimal), two otherwise.
func (r *Report) percentDecimals() int {
	if r.M > 0 && 1000%r.M == 0 {
		return 1
	}
	return 2
}

// percent writes a probability as a percentage.
func (r *Report) percent(p float64) string {
	return r.percentWith(p, r.percentDecimals())
}

// percentWith writes a probability as a percentage with the given number
// of decimals.
func (r *Report) percentWith(p float64, decimals int) string {
	return message.Percent(p, decimals, r.Lang)
}

// ticketPercent writes the probability t/M as a percentage.
func (r *Report) ticketPercent(t int) string {
	return r.percent(float64(t) / float64(r.M))
}

// oneIn returns r such that the probability t/M is about 1 in r: M/t
// rounded to the nearest whole number (t > 0).
func oneIn(t, m int) int {
	return (2*m + t) / (2 * t)
}

// equalChance is the probability everyone would have if all were equal.
func (r *Report) equalChance() float64 {
	return float64(r.K) / float64(r.People)
}

// peopleCount writes "1 person" or "n people".
func (r *Report) peopleCount(n int) string {
	if n == 1 {
		return "1 " + r.t().Person
	}
	return r.num(n) + " " + r.t().People
}

// stepTime returns the time of the named step ("" when absent) in the
// form 2006-01-02 15:04 UTC.
func (r *Report) stepTime(step string) string {
	for _, s := range r.Steps {
		if s.Step == step {
			return displayTime(s.Time)
		}
	}
	return ""
}

// displayTime turns a record time, 2006-01-02T15:04:05Z, into
// 2006-01-02 15:04:05 UTC; other text is returned as it is.
func displayTime(t string) string {
	if len(t) == len("2006-01-02T15:04:05Z") && t[10] == 'T' && t[19] == 'Z' {
		return t[:10] + " " + t[11:19] + " UTC"
	}
	return t
}

// listAnd joins items as "a, b and c" in the report's language.
func (r *Report) listAnd(items []string) string { return message.List(items, r.Lang) }
