package main

import "errors"

// errBusy is lockFolder's error when another process holds the lock.
var errBusy = errors.New("the lock is held by another process")
