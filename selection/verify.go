package selection

import (
	"context"
	"github.com/tirage/tirage/message"

	"github.com/tirage/tirage/audit"
)

// VerifyInput is what a selection is verified from.
type VerifyInput struct {
	// Dir is the selection's folder, or its public folder.
	Dir Dir
	// Pool and Quotas are the input files to check against the record;
	// nil for none.
	Pool, Quotas *File
	// Originals are folders that may hold the selections a replacement
	// replaces, directly or through earlier replacements, in any order;
	// Beside, if not nil, gives more: where the folder a record names
	// may be. Each is recognised by its commitment, never by its name.
	Originals []Dir
	Beside    Beside
	// Progress, if not nil, is told what is being checked as each check
	// begins: a message.Verifying… code (audit.VerifyInput's Progress),
	// which message.Phase(what) makes a reason of.
	Progress func(what string)
}

// Verification is the outcome of Verify: every check, in order, and what
// the checks cannot prove.
type Verification struct {
	Checks []audit.Check
	// Failed counts the checks that failed; Absent names the files that
	// are not in the folder (not checked, and not a failure).
	Failed int
	Absent []string
	// CannotProve says, a sentence each, what no check can prove of the
	// record (audit.CannotProve).
	CannotProve []message.Reason
}

// Verified reports whether every check passed.
func (v *Verification) Verified() bool { return v.Failed == 0 }

// Verify re-checks a selection from its files, trusting nothing in them
// (audit.Verify), and, for a replacement, every selection it replaces,
// found among in.Originals and beside the folders of the chain. A folder
// without a readable record gives a failed check, not an error.
func Verify(ctx context.Context, in VerifyInput) *Verification {
	vin := audit.VerifyInput{Dir: in.Dir.FS, Progress: in.Progress}
	if in.Pool != nil {
		vin.Pool, vin.PoolName = in.Pool.Content, in.Pool.Name
	}
	if in.Quotas != nil {
		vin.Quotas, vin.QuotasName = in.Quotas.Content, in.Quotas.Name
	}
	record, _ := readRecord(in.Dir.FS) // nil when unreadable: audit.Verify says why
	if record != nil && record.Replaces != nil {
		_, found, _ := findChain(in.Dir, record, in.Originals, in.Beside) // a missing selection is reported by audit.Verify
		for _, d := range append(append([]Dir(nil), in.Originals...), found...) {
			vin.Originals = append(vin.Originals, d.FS)
		}
	}
	v := &Verification{Checks: audit.Verify(ctx, vin), CannotProve: audit.CannotProve(record)}
	for _, c := range v.Checks {
		switch {
		case !c.OK:
			v.Failed++
		case c.Absent:
			v.Absent = append(v.Absent, c.Name)
		}
	}
	return v
}
