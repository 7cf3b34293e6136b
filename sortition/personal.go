package sortition

import (
	"strings"
	"unicode"
)

// IDKind says what personal data a pool's ids look like.
type IDKind int

const (
	// EmailIDs: the ids look like e-mail addresses.
	EmailIDs IDKind = iota + 1
	// PhoneIDs: the ids look like phone numbers.
	PhoneIDs
	// NameIDs: the ids are people's names: they hold a space and match a
	// name column of their row, or the id column is a name column.
	NameIDs
)

// IDConcern reports that a pool's ids look like personal data, which the
// ids must not be: they are published, in the audit record and the public
// files.
type IDConcern struct {
	Kind IDKind
	// Count is the number of ids that look so, of Of in the pool.
	Count, Of int
	// Example is one of them.
	Example string
	// Column is the id column's name; NameColumn, for NameIDs, the name
	// column they match (the id column itself when its name says names).
	Column, NameColumn string
}

// PersonalIDs returns why the pool's ids look like personal data, or nil
// when they do not (or people are identified by row numbers). Ids look
// like e-mail addresses when any has the form name@domain.tld; like names
// when any holds a space and equals a name column of its row (a column
// named name, first_name, nom, prénom, surname, …) or two of them joined
// by a space, or when the id column is itself a name column; like phone
// numbers when at least half are 8 to 15 digits written with a leading +
// or 0, or with spaces, dots, dashes or brackets between them.
func (p *Pool) PersonalIDs() *IDConcern {
	if p.IDColumn < 0 || len(p.People) == 0 {
		return nil
	}
	column := strings.TrimSpace(p.Header[p.IDColumn])
	var names []int
	for c, h := range p.Header {
		if c != p.IDColumn && isNameColumn(h) {
			names = append(names, c)
		}
	}
	found := map[IDKind]*IDConcern{}
	note := func(kind IDKind, id, nameColumn string) {
		if c := found[kind]; c != nil {
			c.Count++
			return
		}
		found[kind] = &IDConcern{Kind: kind, Count: 1, Of: len(p.People), Example: id, Column: column, NameColumn: nameColumn}
	}
	for _, person := range p.People {
		id := person.ID
		switch {
		case looksLikeEmail(id):
			note(EmailIDs, id, "")
		case looksLikePhone(id):
			note(PhoneIDs, id, "")
		case strings.ContainsRune(id, ' '):
			if c := nameMatch(id, person.Fields, names); c >= 0 {
				note(NameIDs, id, strings.TrimSpace(p.Header[c]))
			}
		}
	}
	switch {
	case found[EmailIDs] != nil:
		return found[EmailIDs]
	case found[NameIDs] != nil:
		return found[NameIDs]
	case found[PhoneIDs] != nil && 2*found[PhoneIDs].Count >= len(p.People):
		return found[PhoneIDs]
	case isNameColumn(column):
		return &IDConcern{Kind: NameIDs, Count: len(p.People), Of: len(p.People), Example: p.People[0].ID, Column: column, NameColumn: column}
	}
	return nil
}

// nameWords are the words of a column name that say it holds names.
var nameWords = map[string]bool{
	"name": true, "names": true, "firstname": true, "lastname": true, "fullname": true, "surname": true, "givenname": true, "familyname": true,
	"nom": true, "noms": true, "prenom": true, "prénom": true, "prenoms": true, "prénoms": true, "vorname": true, "nachname": true, "nombre": true, "apellido": true, "apellidos": true,
}

// isNameColumn reports whether a column's name says it holds people's
// names: one of its words (split at anything but letters) is a name word,
// or it is one written as a single word (FirstName).
func isNameColumn(header string) bool {
	h := strings.ToLower(strings.TrimSpace(header))
	if nameWords[strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, h)] {
		return true
	}
	for _, w := range strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if nameWords[w] {
			return true
		}
	}
	return false
}

// nameMatch returns the name column among names whose value, or whose
// value joined by a space to another name column's, is the id (ignoring
// case and surrounding spaces), or -1.
func nameMatch(id string, fields []string, names []int) int {
	for _, a := range names {
		va := strings.TrimSpace(fields[a])
		if va == "" {
			continue
		}
		if strings.EqualFold(va, id) {
			return a
		}
		for _, b := range names {
			if vb := strings.TrimSpace(fields[b]); b != a && vb != "" && strings.EqualFold(va+" "+vb, id) {
				return a
			}
		}
	}
	return -1
}

// looksLikeEmail reports whether s has the form local@domain.tld.
func looksLikeEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 1 || strings.ContainsAny(s, " \t") {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

// looksLikePhone reports whether s is 8 to 15 digits with a leading + or
// 0, or with separators (spaces, dots, dashes, slashes, brackets).
func looksLikePhone(s string) bool {
	digits, separators := 0, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" .-/()", r):
			separators = true
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15 && (s[0] == '+' || s[0] == '0' || separators)
}
