package audit

import "github.com/tirage/tirage/message"

// titles are the codes of the checks' fixed names.
var titles = map[string]message.Code{
	"record":                      message.TitleRecord,
	"canonical form":              message.TitleCanonicalForm,
	"steps":                       message.TitleSteps,
	"quota table":                 message.TitleQuotaTable,
	"people":                      message.TitlePeople,
	"relaxation":                  message.TitleRelaxation,
	"relaxation is the smallest":  message.TitleRelaxationSmallest,
	"exact lottery":               message.TitleExactLottery,
	"exclusions":                  message.TitleExclusions,
	"optimality certificate":      message.TitleCertificate,
	"leximin levels":              message.TitleLevels,
	"uniform lottery":             message.TitleUniformLottery,
	"uniform lottery is faithful": message.TitleFaithful,
	"commitment":                  message.TitleCommitment,
	"draw":                        message.TitleDraw,
	"alternates":                  message.TitleAlternates,
	"dropout rates":               message.TitleDropoutRates,
	"dropout claimed loss":        message.TitleDropoutLoss,
	"dropout figures":             message.TitleDropoutFigures,
	"chain":                       message.TitleChain,
	"replacement":                 message.TitleReplacement,
	"replacement from alternates": message.TitleReplacementAlternates,
}

// checkTitle returns a check's name as a reason (Check.Title): a fixed
// name's code, the title given to a name made from an input file's name
// (v.titled), and any other name, a file of the folder, as that file.
func (v *verifier) checkTitle(name string) message.Reason {
	if code, ok := titles[name]; ok {
		return message.New(code)
	}
	if t, ok := v.titled[name]; ok {
		return t
	}
	return message.New(message.TitleFile, "file", name)
}

// title gives the check of the name, made from an input file's name, its
// title.
func (v *verifier) title(name string, code message.Code, pairs ...any) {
	if v.titled == nil {
		v.titled = map[string]message.Reason{}
	}
	v.titled[name] = message.New(code, pairs...)
}
