//go:build !linux

package web

import "time"

// cpuTime is not measured on this system.
func cpuTime(pid int) time.Duration { return 0 }
