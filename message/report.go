package message

// The reasons the report gives for who cannot be selected and who is
// certain to be. Numbers come formatted as the report writes them ({m},
// {min}: "1,000" in English, "1 000" in French), and {people} with its
// noun ("5 people").
const (
	ReportMaxZero   Code = "report-max-zero"   // category, value
	ReportConflict  Code = "report-conflict"   // values
	ReportRounded   Code = "report-rounded"    // m
	ReportAllNeeded Code = "report-all-needed" // people, category, value, min
	ReportOneNeeded Code = "report-one-needed" // category, value
	ReportRoundedUp Code = "report-rounded-up" // m
)

var _ = register(map[Code]entry{
	ReportMaxZero: {"category:s value:s",
		"the quota for {category} “{value}” allows no panel member (its max is 0)",
		"le quota pour {category} « {value} » n'admet aucun membre du panel (son max est 0)"},
	ReportConflict: {"values:s",
		"no panel that meets all the quotas can include anyone with {values}",
		"aucun panel qui respecte tous les quotas ne peut comprendre une personne avec {values}"},
	ReportRounded: {"m:s",
		"they are on panels of the exact lottery, but on none of the {m} panels drawn from (more panels would give them a chance)",
		"elles figurent dans des panels de la loterie exacte, mais dans aucun des {m} panels du tirage (plus de panels leur donneraient une chance)"},
	ReportAllNeeded: {"people:s category:s value:s min:s",
		"all {people} with {category} “{value}” in the pool are needed to meet its minimum of {min}",
		"les {people} ayant {category} « {value} » dans le vivier sont toutes nécessaires pour atteindre son minimum de {min}"},
	ReportOneNeeded: {"category:s value:s",
		"the only person with {category} “{value}” in the pool is needed to meet its minimum of 1",
		"la seule personne ayant {category} « {value} » dans le vivier est nécessaire pour atteindre son minimum de 1"},
	ReportRoundedUp: {"m:s",
		"the exact lottery gives them slightly less than 1; rounding it to the {m} panels drawn from put them on all of them",
		"la loterie exacte leur donne un peu moins de 1 ; son arrondi aux {m} panels du tirage les a placées dans tous"},
})
