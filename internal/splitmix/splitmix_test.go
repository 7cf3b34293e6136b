package splitmix

import "testing"

// The first outputs of the reference splitmix64 generator seeded with 0
// (state advanced by the increment before mixing): 0xe220a8397b1dcdaf,
// 0x6e789e6aa1b965f4, 0x06c45d188009454f.
func TestMixMatchesReference(t *testing.T) {
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}
	for i, w := range want {
		if got := Mix(uint64(i) * 0x9e3779b97f4a7c15); got != w {
			t.Errorf("output %d: got %#x, want %#x", i, got, w)
		}
	}
}
