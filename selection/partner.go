package selection

import (
	"errors"
	"fmt"
	"strings"
)

// PartnerNameRule is the rule a batch partner's name follows, in the words
// of batch's help, doc/cli.md and the error messages: the name names the
// partner's folder, so it must be usable as a folder name on Windows, macOS
// and Linux alike.
const PartnerNameRule = "it uses only letters (a-z, A-Z), digits, -, _ and . " +
	"(no spaces), at most 64 of them; it does not start or end with a dot; " +
	"and it is not summary nor a name Windows reserves (CON, PRN, AUX, NUL, COM0 to COM9, LPT0 to LPT9), " +
	"in any case and with any extension"

// maxPartnerName is the longest partner name, in characters.
const maxPartnerName = 64

// maxManifestErrors is the number of bad partner names listed before the
// rest are only counted.
const maxManifestErrors = 10

// CheckPartnerName returns an error, stating what is wrong with name, when
// it breaks PartnerNameRule.
func CheckPartnerName(name string) error {
	if name == "" {
		return errors.New("the partner name is empty")
	}
	if n := len([]rune(name)); n > maxPartnerName {
		return fmt.Errorf("the partner name %q… is %d characters long, more than %d", string([]rune(name)[:20]), n, maxPartnerName)
	}
	for _, r := range name {
		if !partnerNameRune(r) {
			return fmt.Errorf("the partner name %q holds %q, which a partner name cannot hold", name, r)
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") {
		return fmt.Errorf("the partner name %q starts or ends with a dot", name)
	}
	base, _, _ := strings.Cut(name, ".")
	if reservedName(base) {
		return fmt.Errorf("the partner name %q is reserved (%s)", name, strings.ToUpper(base))
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
	errs []string // "line N: problem", in line order
}

// Error lists the first maxManifestErrors problems, counts the rest, and
// states the rule.
func (p *partnerNameErrors) Error() string {
	var b strings.Builder
	if len(p.errs) == 1 {
		fmt.Fprintf(&b, "%s, %s", p.path, p.errs[0])
	} else {
		fmt.Fprintf(&b, "%s: %d partner names cannot be used:", p.path, len(p.errs))
		for _, e := range p.errs[:min(len(p.errs), maxManifestErrors)] {
			fmt.Fprintf(&b, "\n  %s", e)
		}
		if n := len(p.errs) - maxManifestErrors; n > 0 {
			fmt.Fprintf(&b, "\n  … and %d more", n)
		}
	}
	fmt.Fprintf(&b, "\nA partner name names its folder, on every system: %s.", PartnerNameRule)
	return b.String()
}
