package main

// This file holds the synthetic population model: the quota categories, the
// census-like population shares, and the response bias of the invitation
// lottery that turns the population into a skewed volunteer pool.

import "math/rand/v2"

// A category is a quota category with its values, spelled as in the CSV files.
type category struct {
	name   string
	values []string
}

// Category indices, in the column order of pool.csv.
const (
	catGender = iota
	catAge
	catEducation
	catLiteracy
	catArea
	catRegion
	numCategories
)

var categories = [numCategories]category{
	{"gender", []string{"female", "male", "nonbinary"}},
	{"age", []string{"16-29", "30-44", "45-59", "60+"}},
	{"education", []string{"none", "primary", "secondary", "tertiary"}},
	{"literacy", []string{"literate", "limited", "non-literate"}},
	{"area", []string{"urban", "rural"}},
	{"region", []string{"capital", "north", "south", "east", "west"}},
}

// Value indices used by the model.
const (
	genderFemale    = 0
	genderNonbinary = 2
	eduNone         = 0
	litNonLiterate  = 2
	areaUrban       = 0
	areaRural       = 1
	regionCapital   = 0
)

// A profile holds one value index per category: a person's quota values.
type profile [numCategories]int

// Population model. Every distribution is conditional on values drawn before
// it: region → area; age → gender; age and area → education; education and
// age → literacy.
var (
	regionShare   = []float64{0.32, 0.22, 0.19, 0.15, 0.12}
	urbanByRegion = []float64{0.97, 0.62, 0.55, 0.50, 0.45}
	ageShare      = []float64{0.22, 0.25, 0.25, 0.28}
	// Nonbinary people are more common among the young.
	nonbinaryByAge = []float64{0.035, 0.012, 0.005, 0.002}
	// Education of urban people by age band: none, primary, secondary, tertiary.
	urbanEducationByAge = [][]float64{
		{0.06, 0.16, 0.44, 0.34},
		{0.08, 0.20, 0.39, 0.33},
		{0.12, 0.27, 0.38, 0.23},
		{0.19, 0.34, 0.31, 0.16},
	}
	// Rural people have less schooling: the urban shares are reweighted by
	// these factors and normalised.
	ruralEducationFactor = []float64{2.0, 1.35, 0.85, 0.45}
	// Literacy by education (literate, limited, non-literate), for people
	// under 60 and for people aged 60+.
	literacyByEducation = [2][][]float64{
		{{0.14, 0.40, 0.46}, {0.76, 0.17, 0.07}, {0.965, 0.03, 0.005}, {0.995, 0.005, 0}},
		{{0.10, 0.35, 0.55}, {0.68, 0.21, 0.11}, {0.95, 0.04, 0.01}, {0.99, 0.01, 0}},
	}
)

// Response model of the invitation lottery: each invited person volunteers
// with probability baseResponse times one factor per category, which favours
// educated, older, urban and literate people, as real lotteries find.
var (
	baseResponse     = 0.03
	genderResponse   = []float64{1.05, 0.95, 1.0}
	ageResponse      = []float64{0.55, 0.85, 1.1, 1.45}
	eduResponse      = []float64{0.5, 0.8, 1.0, 1.7}
	literacyResponse = []float64{1.0, 0.7, 0.5}
	areaResponse     = []float64{1.2, 0.75}
)

func genderDist(age int) []float64 {
	nb := nonbinaryByAge[age]
	female := float64(0.51 * (1 - nb))
	return []float64{female, 1 - nb - female, nb}
}

func areaDist(region int) []float64 {
	u := urbanByRegion[region]
	return []float64{u, 1 - u}
}

func educationDist(age, area int) []float64 {
	base := urbanEducationByAge[age]
	if area == areaUrban {
		return base
	}
	out := make([]float64, len(base))
	var sum float64
	for i, p := range base {
		out[i] = float64(p * ruralEducationFactor[i])
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

func literacyDist(education, age int) []float64 {
	old := 0
	if age == len(ageShare)-1 {
		old = 1
	}
	return literacyByEducation[old][education]
}

// responseProb is the probability that an invited person with profile p
// volunteers.
func responseProb(p profile) float64 {
	return baseResponse * genderResponse[p[catGender]] * ageResponse[p[catAge]] *
		eduResponse[p[catEducation]] * literacyResponse[p[catLiteracy]] * areaResponse[p[catArea]]
}

// forEachProfile calls f for every profile with its population probability.
func forEachProfile(f func(p profile, prob float64)) {
	for r, pr := range regionShare {
		for ar, pa := range areaDist(r) {
			for ag, pg := range ageShare {
				for g, pgen := range genderDist(ag) {
					for e, pe := range educationDist(ag, ar) {
						for l, pl := range literacyDist(e, ag) {
							var p profile
							p[catGender], p[catAge], p[catEducation] = g, ag, e
							p[catLiteracy], p[catArea], p[catRegion] = l, ar, r
							f(p, float64(pr*pa)*float64(pg*pgen)*float64(pe*pl))
						}
					}
				}
			}
		}
	}
}

// shares returns, for every category and value, the population share
// (weighted by population probability) or the expected volunteer share
// (weighted by population probability times response probability).
func shares(volunteers bool) [numCategories][]float64 {
	var out [numCategories][]float64
	for c := range categories {
		out[c] = make([]float64, len(categories[c].values))
	}
	var total float64
	forEachProfile(func(p profile, prob float64) {
		w := prob
		if volunteers {
			w = float64(prob * responseProb(p))
		}
		total += w
		for c, v := range p {
			out[c][v] += w
		}
	})
	for c := range out {
		for v := range out[c] {
			out[c][v] /= total
		}
	}
	return out
}

// pick draws an index from a discrete distribution whose weights sum to 1.
func pick(r *rand.Rand, dist []float64) int {
	x := r.Float64()
	for i, p := range dist {
		if x < p {
			return i
		}
		x -= p
	}
	return len(dist) - 1
}

// drawCitizen draws one member of the population.
func drawCitizen(r *rand.Rand) profile {
	var p profile
	p[catRegion] = pick(r, regionShare)
	p[catArea] = pick(r, areaDist(p[catRegion]))
	p[catAge] = pick(r, ageShare)
	p[catGender] = pick(r, genderDist(p[catAge]))
	p[catEducation] = pick(r, educationDist(p[catAge], p[catArea]))
	p[catLiteracy] = pick(r, literacyDist(p[catEducation], p[catAge]))
	return p
}

// drawVolunteer invites random citizens until one accepts (and, if match is
// not nil, satisfies it). It returns the volunteer and the invitations sent.
func drawVolunteer(r *rand.Rand, match func(profile) bool) (profile, int) {
	for sent := 1; ; sent++ {
		p := drawCitizen(r)
		if r.Float64() < responseProb(p) && (match == nil || match(p)) {
			return p, sent
		}
	}
}
