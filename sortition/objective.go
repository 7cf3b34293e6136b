package sortition

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/tirage/tirage/message"
)

// Options are the settings every objective shares; each objective's own
// parameters are in its options type (MaximinOptions, LeximinOptions,
// GoldilocksOptions, LegacyOptions), which embeds these.
type Options struct {
	// Progress, if not nil, is called after each iteration.
	Progress func(Progress)
}

// Objective is a lottery objective: what a lottery over the panels that
// meet the quotas optimises, with what it proves. Objectives lists them
// all; every name a selection, an audit record, a report or a command line
// gives an objective is one of theirs.
type Objective struct {
	// Name is the objective's name in flags, files and the audit record
	// (Lottery.Algorithm), such as "leximin".
	Name string
	// Certified reports that its lotteries carry an optimality certificate
	// (Lottery.UpperBound and Lottery.Weights, and for leximin
	// Lottery.Levels), which verification checks with its own exact
	// search. The others have no certificate: their UpperBound is 0 and
	// their Weights nil.
	Certified bool
	// Levels reports that its lotteries list their levels (Lottery.Levels),
	// each with its certificate, which verification checks too.
	Levels bool
	// Estimated reports that its lotteries' probabilities are estimates
	// (Lottery.Estimated).
	Estimated bool
	// Summary says what the objective does, in English, as a phrase that
	// follows its name ("leximin " + Summary), for help texts.
	Summary string
	// About says, in one paragraph in plain words, what a selection with
	// this objective did and what it proves, per language code ("en",
	// "fr"): the paragraph a selection's report shows.
	About map[string]string
	// lottery computes the objective's lottery with its default
	// parameters.
	lottery func(context.Context, *Problem, Options) (*Lottery, error)
}

// Lottery computes the objective's lottery for the problem, with the
// objective's default parameters (for others, call its function, such as
// Goldilocks, with its options).
func (o Objective) Lottery(ctx context.Context, p *Problem, opt Options) (*Lottery, error) {
	if o.lottery == nil {
		return nil, fmt.Errorf("the objective %q is not one of Objectives", o.Name)
	}
	return o.lottery(ctx, p, opt)
}

// DefaultObjective names the objective of a selection that names none:
// leximin. Its first level is the maximin optimum, with the same
// certificate, so nothing of the maximin guarantee is lost; it then raises
// the next smallest probability, and so on, so that nobody gets a certain
// seat unless the quotas require it to keep the lower chances as high.
const DefaultObjective = "leximin"

// objectives is the registry, the default first.
var objectives = []Objective{
	{
		Name:      "leximin",
		Certified: true,
		Levels:    true,
		Summary:   "first maximises the smallest probability of selection, with the same certificate as maximin, then the next smallest, and so on, so that nobody gets a certain seat unless the quotas require it to keep the lower chances as high",
		About: map[string]string{
			"en": "tirage used the leximin lottery: it first gives the people least likely to be chosen the highest chance possible, with the same proof as the maximin lottery, then does the same for the next least likely, and so on, so that nobody gets a certain seat unless the quotas require it to keep the lower chances as high.",
			"fr": "tirage a utilisé la loterie leximin : elle donne d'abord aux personnes qui ont le moins de chances d'être tirées la plus grande chance possible, avec la même preuve que la loterie maximin, puis fait de même pour les suivantes, et ainsi de suite, si bien que personne n'a de place assurée sauf si les quotas l'exigent pour garder les chances plus faibles aussi hautes.",
		},
		lottery: func(ctx context.Context, p *Problem, opt Options) (*Lottery, error) {
			return Leximin(ctx, p, LeximinOptions{Options: opt})
		},
	},
	{
		Name:      "maximin",
		Certified: true,
		Summary:   "maximises the smallest probability only",
		About: map[string]string{
			"en": "This selection used the maximin lottery: it gives the people least likely to be chosen the highest chance possible, with a proof, but does not even out the other chances (the leximin lottery, tirage's default, does).",
			"fr": "Cette sélection a utilisé la loterie maximin : elle donne aux personnes qui ont le moins de chances d'être tirées la plus grande chance possible, avec une preuve, mais n'égalise pas les autres chances (ce que fait la loterie leximin, celle de tirage par défaut).",
		},
		lottery: func(ctx context.Context, p *Problem, opt Options) (*Lottery, error) {
			return Maximin(ctx, p, MaximinOptions{Options: opt})
		},
	},
	{
		Name:    "nash",
		Summary: "maximises the product of the probabilities",
		About: map[string]string{
			"en": "This selection used the Nash lottery: it makes the product of everyone's chances as large as possible. It comes with no proof of optimality.",
			"fr": "Cette sélection a utilisé la loterie de Nash : elle rend le produit des chances de tous aussi grand que possible. Elle n'a pas de preuve d'optimalité.",
		},
		lottery: Nash,
	},
	{
		Name:    "goldilocks",
		Summary: "keeps them between bounds close to k/n from below and above",
		About: map[string]string{
			"en": "This selection used the Goldilocks lottery: it keeps everyone's chance close to the equal chance, from below and from above. It comes with no proof of optimality.",
			"fr": "Cette sélection a utilisé la loterie Goldilocks : elle garde la chance de chacun proche de la chance égale, par en dessous comme par au-dessus. Elle n'a pas de preuve d'optimalité.",
		},
		lottery: func(ctx context.Context, p *Problem, opt Options) (*Lottery, error) {
			return Goldilocks(ctx, p, GoldilocksOptions{Options: opt})
		},
	},
	{
		Name:      "legacy",
		Estimated: true,
		Summary:   "is the greedy procedure the Sortition Foundation used before 2020, its lottery estimated from 10,000 runs (for comparison)",
		About: map[string]string{
			"en": "This selection used the legacy greedy procedure, for comparison: its chances are estimated from 10,000 runs, with no proof of anything.",
			"fr": "Cette sélection a utilisé l'ancienne procédure gloutonne (legacy), pour comparaison : ses chances sont estimées sur 10 000 tirages, sans preuve d'aucune sorte.",
		},
		lottery: func(ctx context.Context, p *Problem, opt Options) (*Lottery, error) {
			return Legacy(ctx, p, LegacyOptions{Options: opt})
		},
	},
}

// Objectives returns every objective, the default (DefaultObjective)
// first. The slice is a copy; the About maps are shared: read them only.
func Objectives() []Objective {
	return append([]Objective(nil), objectives...)
}

// ObjectiveNames returns the objectives' names, the default first.
func ObjectiveNames() []string {
	names := make([]string, len(objectives))
	for i, o := range objectives {
		names[i] = o.Name
	}
	return names
}

// ObjectiveNamed returns the objective of exactly that name, as an audit
// record holds it, and whether there is one.
func ObjectiveNamed(name string) (Objective, bool) {
	for _, o := range objectives {
		if o.Name == name {
			return o, true
		}
	}
	return Objective{}, false
}

// ParseObjective returns the objective a person named: the name is trimmed
// and matched in any case, and "" is DefaultObjective. An unknown name is
// an error that lists the names.
func ParseObjective(name string) (Objective, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		key = DefaultObjective
	}
	if o, ok := ObjectiveNamed(key); ok {
		return o, nil
	}
	names := ObjectiveNames()
	return Objective{}, message.Errorf(message.UnknownObjective, "names", strings.Join(names[:len(names)-1], ", "),
		"last", names[len(names)-1], "name", strconv.Quote(name))
}
