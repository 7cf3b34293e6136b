package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors/record.json")

// selection is a complete selection: its directory's files and its inputs.
type selection struct {
	record        *audit.Record
	files         fstest.MapFS
	pool, quotas  []byte
	poolName, qnm string
}

func (s *selection) input(withInputs bool) audit.VerifyInput {
	in := audit.VerifyInput{Dir: s.files}
	if withInputs {
		in.Pool, in.Quotas, in.PoolName, in.QuotasName = s.pool, s.quotas, s.poolName, s.qnm
	}
	return in
}

func csvBytes(t testing.TB, header []string, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	require.NoError(t, w.Write(header))
	require.NoError(t, w.WriteAll(rows))
	return b.Bytes()
}

// writeFiles puts the record and the CSV files it implies into s.files.
func (s *selection) writeFiles(t testing.TB, pool *sortition.Pool) {
	t.Helper()
	s.files = fstest.MapFS{}
	data, err := s.record.MarshalIndent()
	require.NoError(t, err)
	s.files[audit.RecordFile] = &fstest.MapFile{Data: data}
	h, rows, err := s.record.ProbabilitiesTable()
	require.NoError(t, err)
	s.files[audit.ProbabilitiesFile] = &fstest.MapFile{Data: csvBytes(t, h, rows)}
	h, rows, err = s.record.ReceiptsTable()
	require.NoError(t, err)
	s.files[audit.ReceiptsFile] = &fstest.MapFile{Data: csvBytes(t, h, rows)}
	if s.record.Draw != nil {
		panel, remaining, err := s.record.SplitPool(pool)
		require.NoError(t, err)
		s.files[audit.PanelFile] = &fstest.MapFile{Data: csvBytes(t, pool.Header, panel)}
		s.files[audit.RemainingFile] = &fstest.MapFile{Data: csvBytes(t, pool.Header, remaining)}
		if len(s.record.Draw.Alternates) > 0 {
			h, rows, err := s.record.AlternatesTable(pool)
			require.NoError(t, err)
			s.files[audit.AlternatesFile] = &fstest.MapFile{Data: csvBytes(t, h, rows)}
		}
	}
}

// exampleCache keeps the example selections, which the tamper tests copy.
var exampleCache = struct {
	sync.Mutex
	sel  map[bool]*selection
	pool *sortition.Pool
}{sel: map[bool]*selection{}}

// exampleSelection returns a fresh copy of a selection of a panel of 30
// from the example with households, made through the library as tirage
// select makes it; with draw it is drawn, with 5 alternates.
func exampleSelection(t testing.TB, draw bool) (*selection, *sortition.Pool) {
	t.Helper()
	exampleCache.Lock()
	defer exampleCache.Unlock()
	s, ok := exampleCache.sel[draw]
	if !ok {
		s, exampleCache.pool = makeExampleSelection(t, draw)
		exampleCache.sel[draw] = s
	}
	c := &selection{files: fstest.MapFS{}, pool: bytes.Clone(s.pool), quotas: bytes.Clone(s.quotas), poolName: s.poolName, qnm: s.qnm}
	for name, f := range s.files {
		c.files[name] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
	}
	var err error
	c.record, err = audit.ParseRecord(c.files[audit.RecordFile].Data)
	require.NoError(t, err)
	return c, exampleCache.pool
}

func makeExampleSelection(t testing.TB, draw bool) (*selection, *sortition.Pool) {
	t.Helper()
	return makeSelection(t, draw, "maximin")
}

// makeSelection selects from the example pool with households, by the
// named objective, and writes the selection's files.
func makeSelection(t testing.TB, draw bool, algorithm string) (*selection, *sortition.Pool) {
	t.Helper()
	pool, err := os.ReadFile(filepath.Join("..", "testdata", "example", "pool.csv"))
	require.NoError(t, err)
	quotas, err := os.ReadFile(filepath.Join("..", "testdata", "example", "quotas.csv"))
	require.NoError(t, err)
	return selectFrom(t, pool, quotas, 30, 100, []string{"address1", "postcode"}, draw, algorithm)
}

// selectFrom selects a panel of k from the pool and quota files' contents,
// with households and m panels, by the named objective, and writes the
// selection's files.
func selectFrom(t testing.TB, poolData, quotaData []byte, k, m int, households []string, draw bool, algorithm string) (*selection, *sortition.Pool) {
	t.Helper()
	s := &selection{poolName: "pool.csv", qnm: "quotas.csv", pool: poolData, quotas: quotaData}
	pool := testpool.Pool(t, string(s.quotas), string(s.pool))
	household, err := pool.Households(households)
	require.NoError(t, err)
	objective, ok := sortition.ObjectiveNamed(algorithm)
	require.True(t, ok, algorithm)
	l, err := objective.Lottery(context.Background(), testpool.Problem(t, pool, k, households...), sortition.Options{})
	require.NoError(t, err)
	u, err := audit.FaithfulUniform(l, m)
	require.NoError(t, err)
	sum := func(b []byte) string { return sha256Hex(string(b)) }
	s.record, err = audit.NewRecord(audit.Selection{
		Tool:       audit.Tool{Name: "tirage", Version: "test"},
		PoolFile:   audit.File{Path: s.poolName, SHA256: sum(s.pool)},
		QuotaFile:  audit.File{Path: s.qnm, SHA256: sum(s.quotas)},
		Pool:       pool,
		K:          k,
		Settings:   audit.Settings{IDColumn: "id", Households: households, Gap: sortition.DefaultGap},
		Households: household,
		Lottery:    l,
		Uniform:    u,
	})
	require.NoError(t, err)
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted} {
		s.record.AddStep(step, at)
	}
	if draw {
		_, err = s.record.DrawPanel("2026-05-01 lottery: 4 8 15 16 23 42", at.Add(time.Hour))
		require.NoError(t, err)
		require.NoError(t, s.record.DrawAlternates(5))
		require.Len(t, s.record.Draw.Alternates, 5)
	}
	s.writeFiles(t, pool)
	return s, pool
}

func failed(checks []audit.Check) []string {
	var out []string
	for _, c := range checks {
		if !c.OK {
			out = append(out, c.Name)
		}
	}
	return out
}

func TestVerifyExample(t *testing.T) {
	for _, draw := range []bool{true, false} {
		s, _ := exampleSelection(t, draw)
		for _, withInputs := range []bool{false, true} {
			checks := audit.Verify(context.Background(), s.input(withInputs))
			require.Empty(t, failed(checks), "draw %v, inputs %v: %v", draw, withInputs, checks)
			checkReasons(t, checks)
			names := map[string]bool{}
			for _, c := range checks {
				names[c.Name] = true
				assert.NotEmpty(t, c.Detail, c.Name)
			}
			for _, want := range []string{"record", "canonical form", "steps", "quota table", "people", "exact lottery",
				"optimality certificate", "uniform lottery", "commitment", "draw", "probabilities.csv", "receipts.csv"} {
				assert.True(t, names[want], "no check %q", want)
			}
			assert.Equal(t, draw, names["panel.csv"] && names["remaining.csv"])
			assert.Equal(t, draw, names["alternates"] && names["alternates.csv"])
			assert.Equal(t, withInputs, names["pool file pool.csv"] && names["quota file quotas.csv content"])
		}
	}
}

// mutation changes a valid selection; want names a check that must fail.
type mutation struct {
	name   string
	change func(t *testing.T, s *selection, pool *sortition.Pool)
	want   string
}

// editRecord applies f to the record and writes it back canonically; with
// recommit the commitment is recomputed, as a forger would, so that the
// checks behind it must catch the change.
func editRecord(recommit bool, f func(r *audit.Record)) func(*testing.T, *selection, *sortition.Pool) {
	return func(t *testing.T, s *selection, _ *sortition.Pool) {
		f(s.record)
		if recommit {
			c, err := s.record.Commit()
			require.NoError(t, err)
			s.record.Commitment = c
		}
		data, err := s.record.MarshalIndent()
		require.NoError(t, err)
		s.files[audit.RecordFile] = &fstest.MapFile{Data: data}
	}
}

// editText replaces old by new, once, in a file of the directory.
func editText(file, old, new string) func(*testing.T, *selection, *sortition.Pool) {
	return func(t *testing.T, s *selection, _ *sortition.Pool) {
		data := string(s.files[file].Data)
		require.Contains(t, data, old, file)
		s.files[file] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
	}
}

// editLine replaces line n (from 1) of a file of the directory.
func editLine(file string, n int, f func(string) string) func(*testing.T, *selection, *sortition.Pool) {
	return func(t *testing.T, s *selection, _ *sortition.Pool) {
		lines := strings.SplitAfter(string(s.files[file].Data), "\n")
		require.Greater(t, len(lines), n)
		lines[n-1] = f(lines[n-1])
		s.files[file] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
	}
}

// breakingSwap returns a swap that breaks a quota of the panel: the
// position of a member, and an outsider to put there whose value of some
// category is already at its max on the panel while the member's is not.
func breakingSwap(t *testing.T, r *audit.Record, members []string) (int, string) {
	pool, _, err := r.Pool()
	require.NoError(t, err)
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	on := map[string]bool{}
	for _, id := range members {
		on[id] = true
	}
	for c, cat := range pool.Quotas.Categories {
		counts := make([]int, len(cat.Values))
		for _, id := range members {
			counts[pool.People[index[id]].Values[c]]++
		}
		for v, val := range cat.Values {
			if counts[v] != val.Max {
				continue
			}
			for _, p := range pool.People {
				if on[p.ID] || p.Values[c] != v {
					continue
				}
				for j, id := range members {
					if pool.People[index[id]].Values[c] != v {
						return j, p.ID
					}
				}
			}
		}
	}
	t.Fatal("no quota at its max on the panel")
	return 0, ""
}

func mutations() []mutation {
	return []mutation{
		// The uniform panels.
		{"uniform member swapped, not recommitted", editRecord(false, func(r *audit.Record) {
			m := r.Lottery.Panels[1].Members
			m[0], m[1] = m[1], m[0]
		}), "commitment"},
		{"uniform member swapped breaking a quota", func(t *testing.T, s *selection, p *sortition.Pool) {
			m := s.record.Lottery.Panels[2].Members
			j, id := breakingSwap(t, s.record, m)
			editRecord(true, func(r *audit.Record) {
				m[j] = id
				sortByPool(r, m)
			})(t, s, p)
		}, "uniform lottery"},
		{"uniform member repeated", editRecord(true, func(r *audit.Record) {
			m := r.Lottery.Panels[3].Members
			m[1] = m[0]
		}), "uniform lottery"},
		{"uniform member unknown", editRecord(true, func(r *audit.Record) { r.Lottery.Panels[4].Members[0] = "nobody" }), "uniform lottery"},
		{"uniform members out of order", editRecord(true, func(r *audit.Record) {
			m := r.Lottery.Panels[5].Members
			m[0], m[1] = m[1], m[0]
		}), "uniform lottery"},
		{"uniform panel dropped", editRecord(true, func(r *audit.Record) { r.Lottery.Panels = r.Lottery.Panels[1:] }), "uniform lottery"},
		{"uniform panel dropped and m lowered", editRecord(true, func(r *audit.Record) {
			r.Lottery.Panels = r.Lottery.Panels[:len(r.Lottery.Panels)-1]
			r.Lottery.M--
		}), "probabilities.csv"},
		{"uniform panel duplicated", editRecord(true, func(r *audit.Record) {
			for j, p := range r.Lottery.Panels {
				if strings.Join(p.Members, ",") != strings.Join(r.Lottery.Panels[0].Members, ",") {
					r.Lottery.Panels[j] = audit.UniformPanel{Members: append([]string{}, r.Lottery.Panels[0].Members...)}
					return
				}
			}
		}), "receipts.csv"},
		{"uniform panel without a member", editRecord(true, func(r *audit.Record) { r.Lottery.Panels[6].Members = r.Lottery.Panels[6].Members[1:] }), "uniform lottery"},
		{"m raised", editRecord(true, func(r *audit.Record) { r.Lottery.M++ }), "uniform lottery"},
		{"uniform minimum edited", editRecord(true, func(r *audit.Record) { r.Lottery.UniformMinimum += 0.01 }), "uniform lottery"},
		{"max shift edited", editRecord(true, func(r *audit.Record) { r.Lottery.MaxShift += 0.01 }), "uniform lottery"},

		// The exact lottery and its certificate.
		{"probability edited", editRecord(true, func(r *audit.Record) { r.Lottery.Distribution[0].Probability *= 1.5 }), "exact lottery"},
		{"probability edited, not recommitted", editRecord(false, func(r *audit.Record) { r.Lottery.Distribution[0].Probability /= 2 }), "commitment"},
		{"probability zero", editRecord(true, func(r *audit.Record) {
			r.Lottery.Distribution[1].Probability += r.Lottery.Distribution[0].Probability
			r.Lottery.Distribution[0].Probability = 0
		}), "exact lottery"},
		{"exact panel dropped", editRecord(true, func(r *audit.Record) { r.Lottery.Distribution = r.Lottery.Distribution[1:] }), "exact lottery"},
		{"exact member breaking a quota", func(t *testing.T, s *selection, p *sortition.Pool) {
			m := s.record.Lottery.Distribution[0].In
			j, id := breakingSwap(t, s.record, m)
			editRecord(true, func(r *audit.Record) {
				m[j] = id
				sortByPool(r, m)
			})(t, s, p)
		}, "exact lottery"},
		{"exact panel too small", editRecord(true, func(r *audit.Record) {
			r.Lottery.Distribution[0].In = r.Lottery.Distribution[0].In[1:]
		}), "exact lottery"},
		{"optimum raised", editRecord(true, func(r *audit.Record) { r.Lottery.Optimum += 0.001 }), "exact lottery"},
		{"upper bound below the optimum", editRecord(true, func(r *audit.Record) { r.Lottery.UpperBound = r.Lottery.Optimum - 0.001 }), "optimality certificate"},
		{"upper bound beyond the gap", editRecord(true, func(r *audit.Record) { r.Lottery.UpperBound = r.Lottery.Optimum + 0.001 }), "optimality certificate"},
		{"gap negative", editRecord(true, func(r *audit.Record) { r.Settings.Gap = -1 }), "optimality certificate"},
		{"weight negative", editRecord(true, func(r *audit.Record) {
			r.Lottery.Weights[0] -= 0.5
			r.Lottery.Weights[1] += 0.5
		}), "optimality certificate"},
		{"weights concentrated", editRecord(true, func(r *audit.Record) {
			for i := range r.Lottery.Weights {
				r.Lottery.Weights[i] = 0
			}
			r.Lottery.Weights[0] = 1
		}), "optimality certificate"},
		{"weights scaled", editRecord(true, func(r *audit.Record) {
			for i := range r.Lottery.Weights {
				r.Lottery.Weights[i] *= 0.9
			}
		}), "optimality certificate"},
		{"weight dropped", editRecord(true, func(r *audit.Record) { r.Lottery.Weights = r.Lottery.Weights[1:] }), "optimality certificate"},
		{"certificate claimed by a nash lottery", editRecord(true, func(r *audit.Record) { r.Lottery.Algorithm = "nash" }), "optimality certificate"},
		{"unknown algorithm", editRecord(true, func(r *audit.Record) { r.Lottery.Algorithm = "magic" }), "optimality certificate"},
		{"someone excluded who is selectable", editRecord(true, func(r *audit.Record) {
			r.Lottery.Excluded = []string{r.Lottery.Distribution[0].In[0]}
		}), "exact lottery"},

		// The tables and inputs.
		{"k changed", editRecord(true, func(r *audit.Record) { r.K = 29 }), "exact lottery"},
		{"quota bound changed", editRecord(true, func(r *audit.Record) { r.Quotas[0].Max[0] = r.Quotas[0].Min[0] }), "quota table"},
		{"quota min above max", editRecord(true, func(r *audit.Record) { r.Quotas[0].Min[0] = r.Quotas[0].Max[0] + 1 }), "quota table"},
		{"quota value renamed", editRecord(true, func(r *audit.Record) { r.Quotas[0].Values[0] = "woman" }), "people"},
		{"person's value changed", editRecord(true, func(r *audit.Record) {
			row := r.People.Rows[0]
			for _, v := range r.Quotas[0].Values {
				if v != row[1] {
					row[1] = v
					return
				}
			}
		}), "people"},
		{"person's id changed", editRecord(true, func(r *audit.Record) { r.People.Rows[0][0] = "v999" }), "people"},
		{"ids duplicated", editRecord(true, func(r *audit.Record) { r.People.Rows[1][0] = r.People.Rows[0][0] }), "people"},
		{"people columns changed", editRecord(true, func(r *audit.Record) { r.People.Columns[1] = "sex" }), "people"},
		{"household numbers dropped", editRecord(true, func(r *audit.Record) { r.People.Households = nil }), "people"},
		{"household numbers merged", editRecord(true, func(r *audit.Record) {
			for i := range r.People.Households {
				r.People.Households[i] = 0
			}
		}), "people"},
		{"pool digest changed", editRecord(true, func(r *audit.Record) { r.Inputs.Pool.SHA256 = strings.Repeat("0", 64) }), "pool file pool.csv"},
		{"quota digest changed", editRecord(true, func(r *audit.Record) { r.Inputs.Quotas.SHA256 = strings.Repeat("0", 64) }), "quota file quotas.csv"},
		{"canonical pool digest changed", editRecord(true, func(r *audit.Record) { r.Inputs.Pool.CanonicalSHA256 = strings.Repeat("0", 64) }), "people"},
		{"canonical quota digest changed", editRecord(true, func(r *audit.Record) { r.Inputs.Quotas.CanonicalSHA256 = strings.Repeat("0", 64) }), "quota table"},
		{"tool version changed", editRecord(false, func(r *audit.Record) { r.Tool.Version = "v9" }), "commitment"},
		{"pool path changed", editRecord(false, func(r *audit.Record) { r.Inputs.Pool.Path = "other.csv" }), "commitment"},
		{"pool file changed by one byte", func(t *testing.T, s *selection, _ *sortition.Pool) {
			s.pool = bytes.Replace(s.pool, []byte("Bríd"), []byte("Brid"), 1)
		}, "pool file pool.csv"},
		{"pool file with a value changed", func(t *testing.T, s *selection, _ *sortition.Pool) {
			s.pool = bytes.Replace(s.pool, []byte("female,60+"), []byte("male,60+"), 1)
		}, "pool file pool.csv content"},
		{"quota file changed by one byte", func(t *testing.T, s *selection, _ *sortition.Pool) {
			s.quotas = bytes.Replace(s.quotas, []byte("gender,female,14,17"), []byte("gender,female,14,18"), 1)
		}, "quota file quotas.csv content"},

		// The commitment and the draw.
		{"commitment altered", editRecord(false, func(r *audit.Record) {
			c := []byte(r.Commitment)
			c[10] ^= 1
			r.Commitment = string(c)
		}), "commitment"},
		{"commitment not hexadecimal", editRecord(false, func(r *audit.Record) { r.Commitment = "xyz" }), "draw"},
		{"seed changed", editRecord(false, func(r *audit.Record) { r.Draw.Seed += " " }), "draw"},
		{"seed emptied", editRecord(false, func(r *audit.Record) { r.Draw.Seed = "" }), "draw"},
		{"index changed", editRecord(false, func(r *audit.Record) { r.Draw.Index = (r.Draw.Index + 1) % r.Lottery.M }), "draw"},
		{"index out of range", editRecord(false, func(r *audit.Record) { r.Draw.Index = r.Lottery.M + 5 }), "draw"},
		{"selected member changed", editRecord(false, func(r *audit.Record) {
			r.Draw.Selected = append([]string{}, r.Draw.Selected...)
			r.Draw.Selected[0] = r.People.Rows[len(r.People.Rows)-1][0]
		}), "draw"},
		{"draw removed", editRecord(false, func(r *audit.Record) { r.Draw = nil }), "steps"},
		{"step time not UTC", editRecord(false, func(r *audit.Record) { r.Steps[0].Time = "2026-05-01T12:00:00+02:00" }), "steps"},
		{"step time garbled", editRecord(false, func(r *audit.Record) { r.Steps[1].Time = "yesterday" }), "steps"},
		{"steps out of order", editRecord(false, func(r *audit.Record) { r.Steps[0], r.Steps[1] = r.Steps[1], r.Steps[0] }), "steps"},
		{"step removed", editRecord(false, func(r *audit.Record) { r.Steps = r.Steps[1:] }), "steps"},
		{"step back in time", editRecord(false, func(r *audit.Record) { r.Steps[3].Time = "2000-01-01T00:00:00Z" }), "steps"},

		// The record's text.
		{"record truncated", func(t *testing.T, s *selection, _ *sortition.Pool) {
			d := s.files[audit.RecordFile].Data
			s.files[audit.RecordFile] = &fstest.MapFile{Data: d[:len(d)*2/3]}
		}, "record"},
		{"record empty", func(t *testing.T, s *selection, _ *sortition.Pool) {
			s.files[audit.RecordFile] = &fstest.MapFile{}
		}, "record"},
		{"record missing", func(t *testing.T, s *selection, _ *sortition.Pool) { delete(s.files, audit.RecordFile) }, "record"},
		{"record not JSON", func(t *testing.T, s *selection, _ *sortition.Pool) {
			s.files[audit.RecordFile] = &fstest.MapFile{Data: []byte("id,probability\n")}
		}, "record"},
		{"field removed", editText(audit.RecordFile, "    \"max_shift\": ", "    \"max_shift_\": "), "record"},
		{"field deleted", func(t *testing.T, s *selection, _ *sortition.Pool) {
			lines := strings.SplitAfter(string(s.files[audit.RecordFile].Data), "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, `    "max_shift": `) {
					lines = append(lines[:i], lines[i+1:]...)
					break
				}
			}
			s.files[audit.RecordFile] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
		}, "canonical form"},
		{"field added", editText(audit.RecordFile, `"k": 30,`, `"k": 30, "note": "x",`), "record"},
		{"reformatted", editText(audit.RecordFile, `"id_column": "id"`, `"id_column": "\u0069d"`), "canonical form"},
		{"number rewritten", editText(audit.RecordFile, `"k": 30,`, `"k": 3e1,`), "record"},
		{"member duplicated key", editText(audit.RecordFile, `"k": 30,`, `"k": 30, "k": 30,`), "canonical form"},

		// The other files.
		{"probability edited in probabilities.csv", editLine(audit.ProbabilitiesFile, 2, func(l string) string {
			f := strings.Split(l, ",")
			f[1] = "0.99"
			return strings.Join(f, ",")
		}), "probabilities.csv"},
		{"tickets edited in probabilities.csv", editLine(audit.ProbabilitiesFile, 3, func(l string) string {
			f := strings.Split(strings.TrimSuffix(l, "\n"), ",")
			f[2] += "0"
			return strings.Join(f, ",") + "\n"
		}), "probabilities.csv"},
		{"row dropped from probabilities.csv", editLine(audit.ProbabilitiesFile, 4, func(string) string { return "" }), "probabilities.csv"},
		{"tickets edited in receipts.csv", editLine(audit.ReceiptsFile, 2, func(l string) string {
			f := strings.SplitN(l, ",", 3)
			f[1] = "999"
			return strings.Join(f, ",")
		}), "receipts.csv"},
		{"commitment edited in receipts.csv", func(t *testing.T, s *selection, p *sortition.Pool) {
			editText(audit.ReceiptsFile, s.record.Commitment, strings.Repeat("f", 64))(t, s, p)
		}, "receipts.csv"},
		{"receipts.csv not CSV", func(t *testing.T, s *selection, _ *sortition.Pool) {
			s.files[audit.ReceiptsFile] = &fstest.MapFile{Data: []byte("id,\"tickets\n")}
		}, "receipts.csv"},
		{"panel.csv and remaining.csv rows exchanged", func(t *testing.T, s *selection, _ *sortition.Pool) {
			pl := strings.SplitAfter(string(s.files[audit.PanelFile].Data), "\n")
			rl := strings.SplitAfter(string(s.files[audit.RemainingFile].Data), "\n")
			pl[1], rl[1] = rl[1], pl[1]
			s.files[audit.PanelFile] = &fstest.MapFile{Data: []byte(strings.Join(pl, ""))}
			s.files[audit.RemainingFile] = &fstest.MapFile{Data: []byte(strings.Join(rl, ""))}
		}, "panel.csv"},
		{"panel.csv name edited", editLine(audit.PanelFile, 2, func(l string) string { return strings.Replace(l, ",", ",X", 1) }), "panel.csv"},
		{"remaining.csv row dropped", editLine(audit.RemainingFile, 5, func(string) string { return "" }), "remaining.csv"},
		// The alternates, which the commitment does not cover.
		{"alternates reordered", editRecord(false, func(r *audit.Record) {
			a := r.Draw.Alternates
			a[0], a[1] = a[1], a[0]
		}), "alternates"},
		{"alternate replaced by a panel member", editRecord(false, func(r *audit.Record) { r.Draw.Alternates[2] = r.Draw.Selected[0] }), "alternates"},
		{"alternate replaced by someone else", editRecord(false, func(r *audit.Record) {
			listed := map[string]bool{}
			for _, id := range append(append([]string{}, r.Draw.Selected...), r.Draw.Alternates...) {
				listed[id] = true
			}
			for _, row := range r.People.Rows {
				if !listed[row[0]] {
					r.Draw.Alternates[4] = row[0]
					return
				}
			}
		}), "alternates"},
		{"alternate repeated", editRecord(false, func(r *audit.Record) { r.Draw.Alternates[1] = r.Draw.Alternates[0] }), "alternates"},
		{"alternates dropped from the record", editRecord(false, func(r *audit.Record) { r.Draw.Alternates = nil }), "alternates.csv"},
		{"alternates.csv rows swapped", func(t *testing.T, s *selection, p *sortition.Pool) {
			lines := strings.SplitAfter(string(s.files[audit.AlternatesFile].Data), "\n")
			lines[1], lines[2] = lines[2], lines[1]
			s.files[audit.AlternatesFile] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
		}, "alternates.csv"},
		{"alternates.csv rank edited", editLine(audit.AlternatesFile, 3, func(l string) string { return "7" + l[1:] }), "alternates.csv"},
		{"alternates.csv name edited", editLine(audit.AlternatesFile, 2, func(l string) string { return strings.Replace(l, ",", ",X", 2) }), "alternates.csv"},
		{"alternates.csv row dropped", editLine(audit.AlternatesFile, 6, func(string) string { return "" }), "alternates.csv"},
	}
}

// sortByPool puts panel members back in pool order.
func sortByPool(r *audit.Record, members []string) {
	pos := map[string]int{}
	for i, row := range r.People.Rows {
		pos[row[0]] = i
	}
	for i := 1; i < len(members); i++ {
		for j := i; j > 0 && pos[members[j]] < pos[members[j-1]]; j-- {
			members[j], members[j-1] = members[j-1], members[j]
		}
	}
}

func TestVerifyTampering(t *testing.T) {
	ms := mutations()
	require.GreaterOrEqual(t, len(ms), 50)
	seen := map[string]bool{}
	untranslated := 0
	t.Cleanup(func() { t.Logf("%d of the findings are another package's English error", untranslated) })
	for _, m := range ms {
		require.False(t, seen[m.name], "duplicate mutation %q", m.name)
		seen[m.name] = true
		t.Run(m.name, func(t *testing.T) {
			s, pool := exampleSelection(t, true)
			m.change(t, s, pool)
			checks := audit.Verify(context.Background(), s.input(true))
			bad := failed(checks)
			require.Contains(t, bad, m.want, "%v", checks)
			for _, c := range checks {
				if !c.OK {
					assert.NotEmpty(t, c.Detail, c.Name)
				}
			}
			untranslated += checkReasons(t, checks)
		})
	}
}

// TestVerifyLeximinLevels verifies a leximin selection, whose levels are
// checked one by one, and tampers with the levels.
func TestVerifyLeximinLevels(t *testing.T) {
	fresh := func(t *testing.T) (*selection, *sortition.Pool) { return makeSelection(t, true, "leximin") }
	s, _ := fresh(t)
	require.GreaterOrEqual(t, len(s.record.Lottery.Levels), 3)
	checks := audit.Verify(context.Background(), s.input(true))
	require.Empty(t, failed(checks), "%v", checks)
	names := map[string]bool{}
	for _, c := range checks {
		names[c.Name] = true
	}
	require.True(t, names["leximin levels"])

	for _, m := range []mutation{
		{"a level raised", editRecord(true, func(r *audit.Record) { r.Lottery.Levels[1].Probability += 0.001 }), "leximin levels"},
		{"the first level above the optimum", editRecord(true, func(r *audit.Record) { r.Lottery.Levels[0].Probability += 0.001 }), "leximin levels"},
		{"an offset for the first level", editRecord(true, func(r *audit.Record) { r.Lottery.Levels[0].Offset = 0.01 }), "leximin levels"},
		{"an offset inflated", editRecord(true, func(r *audit.Record) { r.Lottery.Levels[1].Offset += 0.01 }), "leximin levels"},
		{"weights concentrated", editRecord(true, func(r *audit.Record) {
			w := r.Lottery.Levels[0].Weights
			for i := range w {
				w[i] = 0
			}
			w[len(w)-1] = 1
		}), "leximin levels"},
		{"a person moved down a level", editRecord(true, func(r *audit.Record) {
			lv := r.Lottery.Levels
			moved := lv[1].People[0]
			lv[1].People = lv[1].People[1:]
			lv[0].People = append(lv[0].People, moved)
			sortByPool(r, lv[0].People)
		}), "leximin levels"},
		{"the last level dropped", editRecord(true, func(r *audit.Record) {
			r.Lottery.Levels = r.Lottery.Levels[:len(r.Lottery.Levels)-1]
		}), "leximin levels"},
		{"levels on a maximin lottery", editRecord(true, func(r *audit.Record) { r.Lottery.Algorithm = "maximin" }), "leximin levels"},
	} {
		t.Run(m.name, func(t *testing.T) {
			s, pool := fresh(t)
			m.change(t, s, pool)
			require.Contains(t, failed(audit.Verify(context.Background(), s.input(true))), m.want)
		})
	}
}

func TestVerifyCommitOnlyWithPanel(t *testing.T) {
	s, _ := exampleSelection(t, false)
	drawn, _ := exampleSelection(t, true)
	s.files[audit.PanelFile] = drawn.files[audit.PanelFile]
	assert.Equal(t, []string{"panel.csv"}, failed(audit.Verify(context.Background(), s.input(false))))
}

func TestVerifyRowNumbers(t *testing.T) {
	// Without an id column, panel.csv is checked by its size alone unless
	// the pool is given.
	poolData := []byte("name,gender\nAnn,female\nBob,male\nCat,female\n")
	pool := testpool.Pool(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n", string(poolData))
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, pool, 2), sortition.MaximinOptions{})
	require.NoError(t, err)
	u, err := audit.FaithfulUniform(l, 10)
	require.NoError(t, err)
	quotaData := []byte("feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n")
	r, err := audit.NewRecord(audit.Selection{Tool: audit.Tool{Name: "tirage", Version: "test"},
		PoolFile:  audit.File{Path: "p.csv", SHA256: sha256Hex(string(poolData))},
		QuotaFile: audit.File{Path: "q.csv", SHA256: sha256Hex(string(quotaData))},
		Pool:      pool, K: 2, Settings: audit.Settings{Gap: 1e-6}, Lottery: l, Uniform: u})
	require.NoError(t, err)
	for _, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted} {
		r.AddStep(step, time.Unix(0, 0))
	}
	_, err = r.DrawPanel("seed", time.Unix(0, 0))
	require.NoError(t, err)
	s := &selection{record: r, pool: poolData, quotas: quotaData, poolName: "p.csv", qnm: "q.csv"}
	s.writeFiles(t, pool)
	for _, with := range []bool{false, true} {
		checks := audit.Verify(context.Background(), s.input(with))
		require.Empty(t, failed(checks), "%v", checks)
		for _, c := range checks {
			if c.Name == "panel.csv" {
				assert.Equal(t, !with, strings.Contains(c.Detail, "row number"), c.Detail)
			}
		}
	}
}

func TestGoldenRecord(t *testing.T) {
	sel := tinySelection(t)
	var err error
	sel.Uniform, err = audit.FaithfulUniform(sel.Lottery, sel.Uniform.M)
	require.NoError(t, err)
	r, err := audit.NewRecord(sel)
	require.NoError(t, err)
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted} {
		r.AddStep(step, at)
	}
	seed, err := audit.SeedFromNumbers("17 20 22 35 38 48 36 / 90193202 / 55598744 / 9 10 11 17 21 48 50")
	require.NoError(t, err)
	_, err = r.DrawSeed(audit.Seed{Text: seed, Kind: audit.SeedNumbers}, at.Add(24*time.Hour))
	require.NoError(t, err)
	data, err := r.MarshalIndent()
	require.NoError(t, err)
	path := filepath.Join("..", "testdata", "vectors", "record.json")
	if *update {
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
	golden, err := os.ReadFile(path)
	require.NoError(t, err)
	// record.json is checked independently by reference.py (canonical
	// digests, commitment, index, selected panel).
	assert.Equal(t, string(golden), string(data))

	s := &selection{record: r}
	s.writeFiles(t, tinyPool(t))
	checks := audit.Verify(context.Background(), s.input(false))
	assert.Empty(t, failed(checks), "%v", checks)
}

func ExampleVerify() {
	dir := fstest.MapFS{audit.RecordFile: &fstest.MapFile{Data: []byte(`{"format": "tirage-audit/2"`)}}
	for _, c := range audit.Verify(context.Background(), audit.VerifyInput{Dir: dir}) {
		status := "OK"
		if !c.OK {
			status = "FAILED"
		}
		fmt.Println(status, c.Name)
	}
	// Output:
	// FAILED record
}

func TestVerifyProgress(t *testing.T) {
	// Progress names each part as it begins, in order, the input files
	// only when given.
	s, _ := exampleSelection(t, true)
	var seen []string
	in := s.input(true)
	in.Progress = func(what string) { seen = append(seen, message.Phase(what).String()) }
	for _, c := range audit.Verify(context.Background(), in) {
		assert.True(t, c.OK, "%s: %s", c.Name, c.Detail)
	}
	assert.Equal(t, []string{"the record's form and tables", "the quota file", "the pool file", "the exact lottery", "the exclusions",
		"the optimality certificate (exact search)", "the uniform lottery", "the commitment and the draw", "the CSV files", "the reports"}, seen)
	seen = nil
	in = s.input(false)
	in.Progress = func(what string) { seen = append(seen, message.Phase(what).String()) }
	audit.Verify(context.Background(), in)
	assert.NotContains(t, seen, "the pool file")
	assert.Len(t, seen, 8)
}

func TestVerifyAbsentFiles(t *testing.T) {
	// A file that renders the record may be absent: it is reported as not
	// checked, never as failed, and the selection still verifies.
	s, _ := exampleSelection(t, true)
	for _, name := range []string{audit.ProbabilitiesFile, audit.ReceiptsFile, audit.PanelFile, audit.RemainingFile, audit.AlternatesFile} {
		delete(s.files, name)
	}
	checks := audit.Verify(context.Background(), s.input(true))
	assert.Empty(t, failed(checks))
	var absent []string
	for _, c := range checks {
		if c.Absent {
			assert.True(t, c.OK, c.Name)
			assert.Contains(t, c.Detail, "not checked")
			absent = append(absent, c.Name)
		}
	}
	assert.ElementsMatch(t, []string{audit.ProbabilitiesFile, audit.ReceiptsFile, audit.PanelFile, audit.RemainingFile, audit.AlternatesFile, "report.html", "report.md"}, absent)
	// The record itself may not be absent.
	delete(s.files, audit.RecordFile)
	assert.Equal(t, []string{"record"}, failed(audit.Verify(context.Background(), s.input(true))))
}

func TestVerifyLineEnds(t *testing.T) {
	// A record that differs from its canonical form only in white space
	// (CRLF line ends, another indentation, a byte-order mark) verifies
	// with a note; any change of content still fails.
	s, _ := exampleSelection(t, true)
	canonical := s.files[audit.RecordFile].Data
	var reindented bytes.Buffer
	require.NoError(t, json.Indent(&reindented, canonical, "", "\t"))
	for name, data := range map[string][]byte{
		"crlf":       bytes.ReplaceAll(canonical, []byte("\n"), []byte("\r\n")),
		"reindented": reindented.Bytes(),
		"bom":        append([]byte(audit.BOM), canonical...),
	} {
		s.files[audit.RecordFile] = &fstest.MapFile{Data: data}
		checks := audit.Verify(context.Background(), s.input(true))
		assert.Empty(t, failed(checks), name)
		assert.Contains(t, checks[1].Detail, "not in the canonical form", name)
		assert.True(t, checks[1].OK, name)
	}
	crlf := bytes.ReplaceAll(canonical, []byte("\n"), []byte("\r\n"))
	s.files[audit.RecordFile] = &fstest.MapFile{Data: bytes.Replace(crlf, []byte(`"index": `), []byte(`"index": 1`), 1)}
	assert.NotEmpty(t, failed(audit.Verify(context.Background(), s.input(true))))
	s.files[audit.RecordFile] = &fstest.MapFile{Data: bytes.Replace(crlf, []byte(`"id_column": "id"`), []byte(`"id_column": "\u0069d"`), 1)}
	assert.Contains(t, failed(audit.Verify(context.Background(), s.input(true))), "canonical form")
}
