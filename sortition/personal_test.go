package sortition_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

func TestPersonalIDs(t *testing.T) {
	q := testpool.Quotas(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n")
	tests := []struct {
		name, pool, idColumn string
		want                 sortition.IDKind // 0: no concern
		count                int
	}{
		{"opaque", "id,first_name,gender\nP001,Ana,female\nP002,Bo,male\n", "", 0, 0},
		{"numbers", "id,gender\n10000001,female\n10000002,male\n", "", 0, 0},
		{"e-mail", "email,first_name,gender\nana@example.org,Ana,female\nbo@example.org,Bo,male\n", "email", sortition.EmailIDs, 2},
		{"one e-mail", "id,gender\nana@example.org,female\nP2,male\n", "", sortition.EmailIDs, 1},
		{"phone", "id,gender\n+33 6 12 34 56 78,female\n06.12.34.56.79,male\n", "", sortition.PhoneIDs, 2},
		{"full name", "id,first_name,last_name,gender\nAna Silva,Ana,Silva,female\nBo Li,Bo,Li,male\n", "", sortition.NameIDs, 2},
		{"name column", "nom,gender\nSilva,female\nLi,male\n", "nom", sortition.NameIDs, 2},
		{"spaces but no name", "id,first_name,gender\nteam a,Ana,female\nteam b,Bo,male\n", "", 0, 0},
		{"row numbers", "first_name,gender\nAna,female\nBo,male\n", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testpool.Over(t, q, tt.pool, sortition.PoolOptions{IDColumn: tt.idColumn})
			c := p.PersonalIDs()
			if tt.want == 0 {
				assert.Nil(t, c)
				return
			}
			require.NotNil(t, c)
			assert.Equal(t, tt.want, c.Kind)
			assert.Equal(t, tt.count, c.Count)
			assert.Equal(t, 2, c.Of)
		})
	}
}
