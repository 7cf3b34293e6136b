package audit

import (
	"fmt"

	"github.com/tirage/tirage/message"
)

// CannotProve returns what verifying the record cannot prove however many
// checks pass: that the commitment was published before the seed existed,
// that the seed came from its announced source, that the pool is the real
// list of volunteers and, for a lottery without a certificate, that it is
// fair by its objective. Each is a message.Reason (the CannotProve…
// codes), rendered in the reader's language. r may be nil (a record that
// could not be read): the reasons are then general.
func CannotProve(r *Record) []message.Reason {
	source := message.New(message.CannotProveSource)
	if r != nil && r.Draw != nil {
		announced := message.New(message.AnnouncedNone)
		if r.Settings.SeedSource != "" {
			announced = message.New(message.AnnouncedSource, "source", fmt.Sprintf("%q", r.Settings.SeedSource))
		}
		seed := fmt.Sprintf("%q", r.Draw.Seed)
		switch r.Draw.SeedKind {
		case SeedText:
			source = message.New(message.CannotProveSeedText, "seed", seed, "announced", announced)
		case SeedNumbers:
			source = message.New(message.CannotProveSeedNumbers, "seed", seed, "announced", announced)
		case SeedGenerated:
			source = message.New(message.CannotProveGenerated)
		case SeedDerived:
			source = message.New(message.CannotProveDerived)
		}
	}
	out := []message.Reason{message.New(message.CannotProveOrder), source, message.New(message.CannotProvePool)}
	if r != nil && !certified(r.Lottery.Algorithm) {
		out = append(out, message.New(message.CannotProveFair, "algorithm", r.Lottery.Algorithm))
	}
	return out
}
