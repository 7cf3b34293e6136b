package dropout

import "testing"

// Any history file is read or refused without a panic, and a model fitted
// on one that is read can always be applied (Model.Check); any model file
// is read or refused without a panic.
func FuzzHistoryAndModel(f *testing.F) {
	f.Add([]byte("age,area,attended\n16-24,urban,yes\n65+,rural,non\n65+,rural,1\n"))
	f.Add([]byte("age;attended\n16-24;oui\n16-24;oui\n"))
	f.Add([]byte(`{"base":0.9,"features":[{"name":"age","values":[{"value":"young","factor":0.8,"people":3,"attended":2}]}],"smoothing":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if h, err := ParseHistory("h.csv", data, []string{"age", "area"}, ""); err == nil {
			m, err := Fit([]*History{h}, FitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Check(); err != nil {
				t.Fatalf("the fitted model cannot be applied: %v", err)
			}
		}
		if h, err := ParseHistory("h.csv", data, []string{"age"}, ""); err == nil {
			if m, err := Fit([]*History{h}, FitOptions{Smoothing: -1}); err != nil || m.Check() != nil {
				t.Fatalf("fit without smoothing: %v", err)
			}
		}
		_, _ = ReadModel(data)
	})
}
