package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// A Page is a Markdown file as the checks see it: its headings, its
// fenced blocks and its links, each with the line it starts on.
type Page struct {
	Path     string // as given, relative to the repository's root
	Headings []Heading
	Blocks   []Block
	Links    []Link
}

// A Heading is an ATX heading (# to ######) outside fenced blocks.
type Heading struct {
	Line   int
	Level  int
	Text   string
	Anchor string // the anchor GitHub gives it, unique in the page
}

// A Block is a fenced code block: its info string's first word (sh,
// text, go…) and its lines, without the fences.
type Block struct {
	Line int // the line of the opening fence
	End  int // the line of the closing fence (the last line when it is not closed)
	Lang string
	Text string
	// Output is the block that shows this ```sh block's output: a ```text
	// block separated from it by blank lines only (see Outputs).
	Output *Block
}

// A Link is the target of an inline link or image, outside code.
type Link struct {
	Line   int
	Target string
}

// ReadPage reads and parses the Markdown file at path.
func ReadPage(path string) (*Page, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParsePage(path, string(data)), nil
}

var (
	headingLine = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	fenceLine   = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})[ \t]*([^ \t`]*)")
	inlineLink  = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
)

// ParsePage parses the Markdown text of the file at path.
func ParsePage(path, text string) *Page {
	p := &Page{Path: path}
	seen := map[string]int{}
	var fence string // the opening fence while in a block
	var block *Block
	var body []string
	adjacent := false // only blank lines since the last block closed
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		n := i + 1
		if fence != "" {
			if t := strings.TrimSpace(line); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				block.Text, block.End = strings.Join(body, "\n"), n
				p.Blocks = append(p.Blocks, *block)
				fence, block, body, adjacent = "", nil, nil, true
				continue
			}
			body = append(body, line)
			continue
		}
		if m := fenceLine.FindStringSubmatch(line); m != nil {
			if last := len(p.Blocks) - 1; adjacent && m[2] == "text" && p.Blocks[last].Lang == "sh" && p.Blocks[last].Output == nil {
				p.Blocks[last].Output = &Block{Line: n, Lang: m[2]}
			}
			fence, block = m[1], &Block{Line: n, Lang: m[2]}
			continue
		}
		if strings.TrimSpace(line) != "" {
			adjacent = false
		}
		if m := headingLine.FindStringSubmatch(line); m != nil {
			p.Headings = append(p.Headings, Heading{Line: n, Level: len(m[1]), Text: m[2], Anchor: uniqueAnchor(seen, Anchor(m[2]))})
			continue
		}
		for _, m := range inlineLink.FindAllStringSubmatch(withoutCode(line), -1) {
			p.Links = append(p.Links, Link{Line: n, Target: m[1]})
		}
	}
	if block != nil { // not closed: the block runs to the end
		block.Text, block.End = strings.Join(body, "\n"), len(lines)
		p.Blocks = append(p.Blocks, *block)
	}
	for i := range p.Blocks { // the outputs, now that their text is read
		if o := p.Blocks[i].Output; o != nil {
			for _, b := range p.Blocks[i+1:] {
				if b.Line == o.Line {
					*o = b
				}
			}
		}
	}
	return p
}

// Anchor is the anchor GitHub gives a heading: its text without code
// marks and links, lower-cased, with every character other than a
// letter, a digit, a space, '-' or '_' removed and each space made '-'.
func Anchor(heading string) string {
	heading = inlineLink.ReplaceAllStringFunc(heading, func(s string) string {
		return s[strings.Index(s, "[")+1 : strings.Index(s, "]")]
	})
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// uniqueAnchor numbers a repeated anchor as GitHub does: the second
// "notes" is "notes-1".
func uniqueAnchor(seen map[string]int, a string) string {
	n := seen[a]
	seen[a] = n + 1
	if n == 0 {
		return a
	}
	return a + "-" + strconv.Itoa(n)
}

// withoutCode is the line with its code spans removed: a run of
// backticks up to the next run of the same length.
func withoutCode(line string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			return b.String() + line
		}
		b.WriteString(line[:i])
		n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
		fence, rest := line[i:i+n], line[i+n:]
		end := -1
		for j := 0; j < len(rest); {
			k := strings.Index(rest[j:], fence)
			if k < 0 {
				break
			}
			k += j
			run := len(rest[k:]) - len(strings.TrimLeft(rest[k:], "`"))
			if run == n {
				end = k
				break
			}
			j = k + run
		}
		if end < 0 { // no closing run: the backticks are text
			b.WriteString(fence)
			line = rest
			continue
		}
		line = rest[end+n:]
	}
}

// HasAnchor reports whether a heading of the page has the anchor.
func (p *Page) HasAnchor(anchor string) bool {
	for _, h := range p.Headings {
		if h.Anchor == anchor {
			return true
		}
	}
	return false
}

// Commands are the page's runnable blocks: its ```sh blocks, in order.
func (p *Page) Commands() []Block {
	var out []Block
	for _, b := range p.Blocks {
		if b.Lang == "sh" {
			out = append(out, b)
		}
	}
	return out
}
