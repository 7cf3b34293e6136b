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
})
