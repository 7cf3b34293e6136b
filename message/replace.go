package message

// The reasons a replacement from the alternates is refused
// (audit.Chain.AlternatesStep), as `tirage replace --from-alternates`
// says them.
const (
	AlternatesNone        Code = "alternates-none"         //
	ReplaceNobodyWithdrew Code = "replace-nobody-withdrew" //
	ReplaceNotMember      Code = "replace-not-member"      // id
	AlternateNotCallable  Code = "alternate-not-callable"  // id
	AlternateDeclineTwice Code = "alternate-decline-twice" //
)

var _ = register(map[Code]entry{
	AlternatesNone: {"",
		"the original selection has no alternates: draw them with --alternates",
		"la sélection d'origine n'a pas de suppléants : tirez-les avec --alternates"},
	ReplaceNobodyWithdrew: {"", "nobody withdrew", "personne ne s'est désisté"},
	ReplaceNotMember:      {"id:s", "{id} is not a member of the panel", "{id} n'est pas membre du panel"},
	AlternateNotCallable: {"id:s",
		"{id} is not an alternate who may still be called",
		"{id} n'est pas un suppléant qui peut encore être appelé"},
	AlternateDeclineTwice: {"", "an alternate is said to decline twice", "un suppléant est dit décliner deux fois"},
})
