package selection

import (
	"unicode/utf8"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
)

// Settings are a selection's settings as select's and draw's flags and a
// batch manifest's row give them, before they are checked. Check and
// CheckDraw are the one place they are checked: each problem is an *Error
// of code CodeInput whose reason names the flag, in English and French.
type Settings struct {
	// Algorithm names the objective ("" for DefaultAlgorithm) and Panels
	// the number of panels of the uniform lottery.
	Algorithm string
	Panels    int
	// Seed and SeedNumbers give the seed text or public random numbers
	// (SeedFromNumbers); SeedGiven and NumbersGiven say which was given,
	// even empty.
	Seed, SeedNumbers       string
	SeedGiven, NumbersGiven bool
	// SeedSource names where the seed comes from; CommitOnly commits
	// without drawing; Alternates is the number of alternates.
	SeedSource string
	CommitOnly bool
	Alternates int
	// Lang is the report's language as written, when LangGiven.
	Lang      string
	LangGiven bool
	// Organisation and Contact are printed at the top of the report.
	Organisation, Contact string
}

// Settings returns the partner's settings, as select's flags would give
// them.
func (p Partner) Settings() Settings {
	s := Settings{Algorithm: p.Algorithm, Panels: p.Panels, Seed: p.Seed, SeedNumbers: p.SeedNumbers,
		SeedGiven: p.Seed != "", NumbersGiven: p.SeedNumbers != "", SeedSource: p.SeedSource, CommitOnly: p.CommitOnly,
		Alternates: p.Alternates, Lang: p.Lang, LangGiven: p.Lang != "", Organisation: p.Organisation, Contact: p.Contact}
	if s.Panels == 0 {
		s.Panels = DefaultPanels
	}
	return s
}

// settingNames spell the settings in messages as the caller names them:
// flagNames (select's and draw's flags) or requestNames (a JSON request's
// members, Request).
type settingNames struct {
	algorithm, lang, organisation, contact, seed, seedNumbers string
}

var (
	flagNames    = settingNames{"--algorithm", "--lang", "--organisation", "--contact", "--seed", "--seed-numbers"}
	requestNames = settingNames{`"options.algorithm"`, `"options.lang"`, `"options.organisation"`, `"options.contact"`, `"seed"`, `"options.seed_numbers"`}
)

// settingsError is the *Error of a setting that cannot be used.
func settingsError(code message.Code, pairs ...any) error {
	return &Error{Code: CodeInput, Err: message.Errorf(code, pairs...)}
}

// flagError is the *Error of the flag whose value is wrong: err says why.
func flagError(flag string, err error) error {
	return settingsError(message.CLIFlagSays, "flag", flag, "err", message.ReasonOf(err))
}

// Check returns the settings of a selection as SelectOptions (the
// household columns, the seed's source of a fresh seed and what the caller
// gives left out), or what is wrong with them; lang is the report's
// language when Lang is not given.
func (s Settings) Check(lang report.Lang) (SelectOptions, error) {
	if s.Panels < 1 || s.Panels > MaxPanels {
		return SelectOptions{}, settingsError(message.CLIPanelsRange, "max", MaxPanels, "n", s.Panels)
	}
	if _, err := Algorithm(s.Algorithm); err != nil {
		return SelectOptions{}, flagError(flagNames.algorithm, err)
	}
	lang, err := s.report(lang, flagNames)
	if err != nil {
		return SelectOptions{}, err
	}
	var seed string
	given := s.SeedGiven || s.NumbersGiven
	switch {
	case s.Alternates < 0:
		return SelectOptions{}, settingsError(message.CLINotNegative, "flag", "--alternates", "n", s.Alternates)
	case s.CommitOnly && s.Alternates > 0:
		return SelectOptions{}, settingsError(message.CLICommitAlternates)
	case s.CommitOnly && given:
		return SelectOptions{}, settingsError(message.CLICommitSeed)
	case !s.CommitOnly && !given && s.SeedSource != "":
		return SelectOptions{}, settingsError(message.CLISeedSourceAlone)
	case given:
		if seed, err = s.seed(flagNames); err != nil {
			return SelectOptions{}, err
		}
	}
	return SelectOptions{Algorithm: s.Algorithm, Panels: s.Panels, Seed: seed, SeedNumbers: s.NumbersGiven, SeedSource: s.SeedSource,
		CommitOnly: s.CommitOnly, Alternates: s.Alternates, Lang: lang, Organisation: s.Organisation, Contact: s.Contact}, nil
}

// CheckDraw returns the settings of the draw of a committed lottery as
// DrawInput (the pool, the dropout request, the clock and the phases left
// out), or what is wrong with them; lang is the report's language when
// Lang is not given (that of the committed selection's report).
func (s Settings) CheckDraw(lang report.Lang) (DrawInput, error) {
	seed, err := s.seed(flagNames)
	if err != nil {
		return DrawInput{}, err
	}
	lang, err = s.report(lang, flagNames)
	if err != nil {
		return DrawInput{}, err
	}
	return DrawInput{Seed: seed, SeedNumbers: s.NumbersGiven, Alternates: s.Alternates, Lang: lang,
		Organisation: s.Organisation, Contact: s.Contact}, nil
}

// report checks the report's settings and returns its language, lang
// when Lang is not given.
func (s Settings) report(lang report.Lang, names settingNames) (report.Lang, error) {
	if s.LangGiven {
		var err error
		if lang, err = report.ParseLang(s.Lang); err != nil {
			return "", flagError(names.lang, err)
		}
	}
	if err := report.CheckByline(s.Organisation, ""); err != nil {
		return "", flagError(names.organisation, err)
	}
	if err := report.CheckByline("", s.Contact); err != nil {
		return "", flagError(names.contact, err)
	}
	return lang, nil
}

// seed returns the seed text the settings give.
func (s Settings) seed(names settingNames) (string, error) {
	switch {
	case s.SeedGiven && s.NumbersGiven:
		return "", settingsError(message.SettingsSeedBoth, "seed", names.seed, "numbers", names.seedNumbers)
	case s.NumbersGiven:
		seed, err := SeedFromNumbers(s.SeedNumbers)
		if err != nil {
			return "", flagError(names.seedNumbers, err)
		}
		return seed, nil
	case s.Seed == "":
		return "", settingsError(message.CLISeedEmpty)
	case !utf8.ValidString(s.Seed):
		return "", settingsError(message.CLISeedNotUTF8)
	}
	return s.Seed, nil
}

// CountIn reads a whole number (ParseCount) and checks that it is at least
// min and, when max > 0, at most max; what names the number in the error,
// a *message.Error (message.CountAtLeast, CountAtMost).
func CountIn(s string, what message.Code, min, max int) (int, error) {
	name := message.New(what)
	n, err := ParseCount(s, name)
	switch {
	case err != nil:
		return 0, err
	case n < min:
		return 0, message.Errorf(message.CountAtLeast, "what", name, "min", min, "n", n)
	case max > 0 && n > max:
		return 0, message.Errorf(message.CountAtMost, "what", name, "max", max, "n", n)
	}
	return n, nil
}
