//go:build unix

package sortition_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) the process has used, which
// on a shared machine measures the work better than the wall clock.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
