package selection

import (
	"strconv"
	"time"

	"github.com/tirage/tirage/message"
)

// Clock returns the clock of the times a selection records: the current
// time when epoch is "", else the time epoch gives in seconds since
// 1970-01-01 UTC, fixed, so that two runs give the same bytes (the
// reproducible-builds convention of SOURCE_DATE_EPOCH, which the tirage
// command passes). Its error is a *message.Error.
func Clock(epoch string) (func() time.Time, error) {
	if epoch == "" {
		return time.Now, nil
	}
	sec, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || sec < 0 || sec > 253402300799 {
		return nil, message.Errorf(message.SourceDateEpochBad, "value", strconv.Quote(epoch))
	}
	t := time.Unix(sec, 0).UTC()
	return func() time.Time { return t }, nil
}
