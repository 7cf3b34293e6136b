package selection

import (
	"strconv"
	"strings"

	"github.com/tirage/tirage/message"
)

// PartnerNameRule is the rule a batch partner's name follows, in the words
// of batch's help, doc/cli.md and the error messages: the name names the
// partner's folder, so it must be usable as a folder name on Windows, macOS
// and Linux alike.
var PartnerNameRule = message.New(message.PartnerNameRule).String()

// maxPartnerName is the longest partner name, in characters.
const maxPartnerName = 64

// maxManifestErrors is the number of bad partner names listed before the
// rest are only counted.
const maxManifestErrors = 10

// CheckPartnerName returns an error, stating what is wrong with name, when
// it breaks PartnerNameRule.
func CheckPartnerName(name string) error {
	if name == "" {
		return message.Errorf(message.PartnerNameEmpty)
	}
	if n := len([]rune(name)); n > maxPartnerName {
		return message.Errorf(message.PartnerNameLong, "start", strconv.Quote(string([]rune(name)[:20])), "n", n, "max", maxPartnerName)
	}
	for _, r := range name {
		if !partnerNameRune(r) {
			return message.Errorf(message.PartnerNameHolds, "name", strconv.Quote(name), "char", strconv.QuoteRune(r))
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") {
		return message.Errorf(message.PartnerNameDot, "name", strconv.Quote(name))
	}
	base, _, _ := strings.Cut(name, ".")
	if reservedName(base) {
		return message.Errorf(message.PartnerNameReserved, "name", strconv.Quote(name), "base", strings.ToUpper(base))
	}
	return nil
}

// partnerNameRune reports whether r may appear in a partner name.
func partnerNameRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_' || r == '.'
}

// reservedName reports whether base, a name before its first dot, is
// summary (batch's own file) or a device name Windows reserves, in any
// case.
func reservedName(base string) bool {
	switch b := strings.ToUpper(base); b {
	case "SUMMARY", "CON", "PRN", "AUX", "NUL":
		return true
	default:
		return len(b) == 4 && (strings.HasPrefix(b, "COM") || strings.HasPrefix(b, "LPT")) && '0' <= b[3] && b[3] <= '9'
	}
}

// partnerNameErrors is every bad partner name of a manifest, by line.
type partnerNameErrors struct {
	path string
	errs []message.Reason // ManifestNameLine, in line order
}

// add records the problem of the partner on the line.
func (p *partnerNameErrors) add(line int, problem message.Reason) {
	p.errs = append(p.errs, message.New(message.ManifestNameLine, "line", line, "error", problem))
}

// AsReason lists the first maxManifestErrors problems, counts the rest,
// and states the rule.
func (p *partnerNameErrors) AsReason() message.Reason {
	rule := message.New(message.PartnerNameRule)
	if len(p.errs) == 1 {
		return message.New(message.ManifestBadName, "file", p.path,
			"line", p.errs[0].Int("line"), "problem", p.errs[0].Arg("error"), "rule", rule)
	}
	var more message.Reason
	if n := len(p.errs) - maxManifestErrors; n > 0 {
		more = message.New(message.ManifestNamesMore, "n", n)
	}
	return message.New(message.ManifestBadNames, "file", p.path, "n", len(p.errs),
		"problems", p.errs[:min(len(p.errs), maxManifestErrors)], "more", more, "rule", rule)
}

// Error lists the problems in English (AsReason).
func (p *partnerNameErrors) Error() string { return p.AsReason().String() }
