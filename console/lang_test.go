package console

import (
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
