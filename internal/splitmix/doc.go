// Package splitmix provides the splitmix64 finaliser (Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), a
// fixed bijection of 64-bit words that scatters nearby inputs. tirage uses
// it for deterministic tie-breaking and perturbations, never for a draw.
//
// It owns that one function; it must not be used where a draw needs a
// random source that anyone can check (audit.Stream is that).
package splitmix
