package report

import (
	"bytes"
	"html/template"
)

// HTML returns report.html: one self-contained page, with its style and
// its plots inline, that any browser shows without a network.
func (r *Report) HTML() ([]byte, error) {
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, r.view()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var htmlTemplate = template.Must(template.New(HTMLFile).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{if .OrganisationRaw}}<meta name="tirage-organisation" content="{{.OrganisationRaw}}">
{{end}}{{if .ContactRaw}}<meta name="tirage-contact" content="{{.ContactRaw}}">
{{end}}<title>{{.T.Title}}: {{.Subtitle}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin-bottom: 0; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; }
.subtitle { font-size: 1.15rem; margin-top: .2rem; }
.meta { color: #555; }
.short { background: #f3f6fa; border-left: 4px solid #2b6cb0; padding: .6rem 1.2rem; }
.short li { margin: .35rem 0; }
.organisation { font-size: 1.25rem; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
.contact { overflow-wrap: anywhere; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: .8rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f6fa; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.first td { border-top: 2px solid #8c959f; }
.note { font-size: .9rem; color: #555; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .9rem; flex: 1 1 12rem; }
.card .value { font-size: 1.6rem; font-weight: 600; }
.card .name { font-weight: 600; }
.card .help { font-size: .85rem; color: #555; }
figure { margin: 1rem 0; }
figure svg { width: 100%; max-width: 48rem; height: auto; }
figcaption { font-size: .9rem; color: #555; }
svg text { font-family: inherit; font-size: 13px; fill: #1a1a1a; }
svg .grid { stroke: #e1e4e8; stroke-width: 1; }
svg .axis { stroke: #57606a; stroke-width: 1; }
svg .area { fill: #2b6cb0; fill-opacity: .15; stroke: none; }
svg .steps { fill: none; stroke: #2b6cb0; stroke-width: 2; }
svg .equal { stroke: #c05621; stroke-width: 2; stroke-dasharray: 6 4; }
svg .equal-label { fill: #c05621; font-weight: 600; }
svg .label { font-size: 13px; fill: #57606a; }
svg .quota { fill: #2b6cb0; fill-opacity: .3; stroke: #2b6cb0; stroke-width: 1; }
svg .pool { fill: #8c959f; }
svg .panel { fill: #1a1a1a; }
svg.shares { width: 100%; max-width: 40rem; height: auto; }
svg.shares .name { font-size: 15px; font-weight: 600; }
svg.shares .bar-label { font-size: 13px; }
.chart { margin: 1.2rem 0 1.8rem; }
.chart h3 { margin-bottom: .3rem; }
.why li { margin: .3rem 0; }
.legend svg { vertical-align: middle; }
.ids { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
td.hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
@media (max-width: 32rem) { body { padding: .8rem; } h1 { font-size: 1.5rem; } th, td { padding: .25rem .4rem; } }
@media print { body { max-width: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
</style>
</head>
<body>
{{if .Organisation}}<p class="organisation" id="organisation">{{.Organisation}}</p>
{{end}}<h1>{{.T.Title}}</h1>
<p class="subtitle">{{.Subtitle}}</p>
<p class="meta">{{.MadeBy}}</p>
{{if .Contact}}<p class="contact" id="contact">{{.Contact}}</p>
{{end}}
<section id="in-short">
<h2>{{.T.InShort}}</h2>
<ul class="short">
{{range .Short}}<li>{{.}}</li>
{{end}}</ul>
</section>

<section id="chances">
<h2>{{.T.Chances}}</h2>
<figure>
{{.Plot}}
<figcaption>{{.PlotCaption}}</figcaption>
</figure>
{{if .Stats}}<div class="cards">
{{range .Stats}}<div class="card"><div class="name">{{.Name}}</div><div class="value">{{.Value}}</div><div class="help">{{.Help}}</div></div>
{{end}}</div>{{end}}
<p>{{.StatsNote}}</p>
<p class="note">{{.UniformNote}}</p>
{{if .Spread}}<h3>{{.T.Spread}}</h3>
<div class="scroll"><table id="spread">
<tr>{{range .Spread}}<th>{{.Label}}</th>{{end}}</tr>
<tr>{{range .Spread}}<td class="num">{{.Value}}</td>{{end}}</tr>
</table></div>
<p class="note">{{.T.SpreadHelp}}</p>{{end}}
</section>

<section id="quotas">
<h2>{{.T.QuotasTitle}}</h2>
<p>{{.T.QuotasHelp}}</p>
<p>{{.T.QuotasBars}}</p>
<p class="legend note">
<svg viewBox="0 0 30 14" width="30" height="14" xmlns="http://www.w3.org/2000/svg"><rect x="2" y="1" width="26" height="12" fill="#8c959f"/></svg> {{.T.LegendPool}} &#160;
<svg viewBox="0 0 30 14" width="30" height="14" xmlns="http://www.w3.org/2000/svg"><rect x="2" y="1" width="26" height="12" fill="#2b6cb0" fill-opacity=".3" stroke="#2b6cb0"/></svg> {{.T.LegendQuota}} &#160;
<svg viewBox="0 0 30 14" width="30" height="14" xmlns="http://www.w3.org/2000/svg"><rect x="2" y="1" width="26" height="12" fill="#1a1a1a"/></svg> {{.T.LegendPanel}}
</p>
{{range .Charts}}<div class="chart">
<h3>{{.Category}}</h3>
{{.SVG}}
<ul class="why">
{{range .Why}}<li>{{.}}</li>
{{end}}</ul>
</div>
{{end}}<div class="scroll"><table id="quota-table">
<tr><th>{{.T.Category}}</th><th>{{.T.Value}}</th><th>{{.T.Min}}</th><th>{{.T.Max}}</th><th>{{.T.InPool}}</th><th>{{.T.OnPanel}}</th><th>{{.T.AvgChance}}</th></tr>
{{range .Quotas}}<tr{{if .FirstOfCategory}} class="first"{{end}}><td>{{.Category}}</td><td>{{.Value}}</td><td class="num">{{.Min}}</td><td class="num">{{.Max}}</td><td class="num">{{.Pool}}</td><td class="num">{{.Panel}}</td><td class="num">{{.Average}}</td></tr>
{{end}}</table></div>
{{if .Households}}<p>{{.Households}}</p>{{end}}
</section>

<section id="zero">
<h2>{{.T.ZeroTitle}}</h2>
{{if .Zero}}<p>{{.T.ZeroIntro}}</p>
<ul>
{{range .Zero}}<li><strong>{{.Count}}</strong>{{$.Colon}}{{.Reason}}.<br><span class="ids">{{.IDs}}</span></li>
{{end}}</ul>{{else}}<p>{{.T.ZeroNone}}</p>{{end}}
</section>

<section id="certain">
<h2>{{.T.CertainTitle}}</h2>
{{if .Certain}}<p>{{.T.CertainIntro}}</p>
<ul>
{{range .Certain}}<li><strong>{{.Count}}</strong>{{$.Colon}}{{.Reason}}.<br><span class="ids">{{.IDs}}</span></li>
{{end}}</ul>{{else}}<p>{{.T.CertainNone}}</p>{{end}}
</section>

<section id="draw">
<h2>{{.T.DrawTitle}}</h2>
{{range .DrawHelp}}<p>{{.}}</p>
{{end}}
<div class="scroll"><table>
{{range .Draw}}<tr><th>{{.Label}}</th><td class="hash">{{.Value}}</td></tr>
{{end}}</table></div>
{{if .PanelIDs}}<h3>{{.T.PanelIDsTitle}}</h3>
<p>{{.PanelIDsHelp}}</p>
<p class="ids" id="panel-ids">{{.PanelIDs}}</p>
{{end}}
{{if not .Drawn}}<p>{{.T.NotDrawnHelp}}</p>
<pre>{{.DrawCommand}}</pre>{{end}}
<h3>{{.T.StepsTitle}}</h3>
<div class="scroll"><table>
{{range .Steps}}<tr><th>{{.Label}}</th><td>{{.Value}}</td></tr>
{{end}}</table></div>
</section>
{{with .Alternates}}
<section id="alternates">
<h2>{{$.T.AltTitle}}</h2>
<p>{{.Help}}</p>
<div class="scroll"><table>
<tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range $i, $c := .}}{{if eq $i 0}}<th>{{$c}}</th>{{else}}<td class="num">{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</table></div>
<p>{{.LossHelp}}</p>
<p>{{.Bound}}</p>
<p class="ids">{{.IDs}}</p>
{{if .NoHouse}}<p>{{.NoHouse}}</p>{{end}}
</section>
{{end}}
<section id="publish">
<h2>{{.T.PublishTitle}}</h2>
<p>{{.T.Publish}}</p>
<p>{{.T.PublishPrivate}}</p>
</section>

<section id="verify">
<h2>{{.T.VerifyTitle}}</h2>
<p>{{.T.VerifyInstall}}</p>
<ul>
{{if .VerifyFull}}<li>{{.T.VerifyFull}}<pre id="verify-command">{{.VerifyFull}}</pre></li>
{{end}}<li>{{.T.VerifyOnly}}<pre>{{.VerifyOnly}}</pre></li>
</ul>
<p>{{.T.VerifyResult}}</p>
</section>

<section id="technical">
<h2>{{.T.TechTitle}}</h2>
<div class="scroll"><table>
{{range .Tech}}<tr><th>{{.Label}}</th><td class="hash">{{.Value}}</td></tr>
{{end}}</table></div>
</section>
</body>
</html>
`))
