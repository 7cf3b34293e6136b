package console

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tirage/tirage/message"
)

func TestLangOf(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want message.Lang
	}{
		{nil, message.English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, message.French},
		{map[string]string{"LANG": "fr"}, message.French},
		{map[string]string{"LANG": "en_GB.UTF-8"}, message.English},
		{map[string]string{"LANG": "C"}, message.English},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8"}, message.French},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8"}, message.English},
		{map[string]string{"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, message.French},
		{map[string]string{"TIRAGE_LANG": "en", "LC_ALL": "fr_FR.UTF-8"}, message.English},
		{map[string]string{"TIRAGE_LANG": "FR", "LANG": "en_US.UTF-8"}, message.French},
		{map[string]string{"TIRAGE_LANG": "de", "LANG": "fr_FR.UTF-8"}, message.French}, // not a language tirage speaks: ignored
	}
	for _, tt := range tests {
		got := LangOf(func(k string) string { return tt.env[k] })
		assert.Equal(t, tt.want, got, "%v", tt.env)
	}
}

// TestFrenchManuals checks that every command's manual has its French
// version, with the registry's placeholders filled in.
func TestFrenchManuals(t *testing.T) {
	entries, err := helpFiles.ReadDir("help")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".txt")
		if !ok {
			continue
		}
		n++
		fr, ok := manual(name, message.French)
		if !ok {
			t.Errorf("help/%s.txt has no French version help/fr/%s.txt", name, name)
			continue
		}
		assert.NotContains(t, fr, "{{", name)
		assert.NotEqual(t, Help(name), fr, name)
	}
	assert.Greater(t, n, 5)
}
