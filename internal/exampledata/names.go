package main

// This file holds the fake personal data: names, e-mail addresses and postal
// addresses. None of it refers to real people or places.

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var femaleNames = []string{
	"Zoé", "Ngozi", "Åsa", "Amina", "Sofia", "Chloé", "Ingrid", "Mei", "Fatima", "Lucía",
	"Hannah", "Priya", "Olga", "Aisha", "Marie", "Elena", "Yuki", "Grace", "Leila", "Ana",
	"Bríd", "Nadia", "Siobhán", "Chiara", "Emma", "Thandiwe", "Hélène", "Maja", "Rosa", "Ayşe",
	"Kateřina", "Julia", "Linh", "Esther", "Noémie", "Ewa", "Camille", "Adaeze", "Inès", "Martha",
	"Björk", "Sara", "Dolores", "Agnieszka", "Mariam", "Joanna", "Renée", "Kavya", "Ilse", "Lotte",
}

var maleNames = []string{
	"José", "François", "Kwame", "Lars", "Ahmed", "Jonas", "Mateo", "Hiroshi", "Pierre", "Tomás",
	"Olumide", "Johan", "Rahul", "Mikhail", "Omar", "Luca", "Jürgen", "David", "Sipho", "André",
	"Wei", "Piotr", "Ibrahim", "Noah", "Erik", "Joaquín", "Karim", "Stefan", "Björn", "Emre",
	"Jakub", "Thomas", "Minh", "Samuel", "Grégoire", "Marek", "Antoine", "Chidi", "Raúl", "Henrik",
	"Daniel", "Youssef", "Pedro", "Aleksander", "Arjun", "Felix", "Mathis", "Kofi", "Ruairí", "Hugo",
}

var neutralNames = []string{
	"Alex", "Sam", "Robin", "Kim", "Noa", "Sasha", "Eden", "Ariel", "Jules", "Charlie",
}

var lastNames = []string{
	"Müller", "Dubois", "Okafor", "Lindqvist", "García", "Nakamura", "Mensah", "Kowalski", "Haddad", "Rossi",
	"Nguyen", "O'Brien", "Schmidt", "Fernández", "Andersson", "Adeyemi", "Petrov", "Martin", "Chen", "Dlamini",
	"Yılmaz", "Novák", "Sørensen", "Moreau", "Ivanova", "Santos", "Khan", "Jansen", "Papadopoulos", "Mbeki",
	"Lefèvre", "Costa", "Nowak", "Hernández", "Bakker", "Ali", "Svensson", "Gonçalves", "Wójcik", "Tanaka",
	"Brennan", "Eriksen", "Horváth", "Mwangi", "Kaya", "Durand", "Patel", "Weber", "Løvstad", "Ruiz",
	"Abubakar", "Fischer", "Virtanen", "Rahman", "Leroy", "Dvořák", "Silva", "Kim", "Osei", "Becker",
}

var streets = []string{
	"Linden Street", "Rue des Écoles", "Harbour Road", "Mill Lane", "Avenue Victor Hugo", "Calle Mayor",
	"Station Road", "Church Street", "Gartenstraße", "Rue du Marché", "Park Avenue", "Birch Close",
	"Kingfisher Way", "Quai des Tanneurs", "Market Square", "Orchard Road", "Bergweg", "Rue Émile Zola",
	"Willow Crescent", "Plaza del Sol", "High Street", "Chestnut Drive", "Ringvägen", "Rue de la Paix",
	"River Walk", "Meadow View", "Kastanienallee", "Avenida da Liberdade", "Hill Road", "Rue Saint-Jean",
}

// postcodePrefix gives each region its own range of five-digit postcodes.
var postcodePrefix = []int{10, 20, 30, 40, 50}

// asciiFold maps the accented letters used in the name lists to ASCII.
var asciiFold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "å", "a", "ã", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ě", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "ø", "o", "õ", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "č", "c", "ñ", "n", "ř", "r", "š", "s", "ş", "s", "ž", "z", "ł", "l", "ń", "n",
	"ß", "ss", "'", "", " ", "", "-", "",
)

// emailLocal turns a name into the local part of an e-mail address.
func emailLocal(first, last string) string {
	return asciiFold.Replace(strings.ToLower(first)) + "." + asciiFold.Replace(strings.ToLower(last))
}

// firstName draws a first name that fits the person's gender.
func firstName(r *rand.Rand, gender int) string {
	switch {
	case gender == genderNonbinary:
		return neutralNames[r.IntN(len(neutralNames))]
	case gender == genderFemale:
		return femaleNames[r.IntN(len(femaleNames))]
	default:
		return maleNames[r.IntN(len(maleNames))]
	}
}

// address draws a street address and a postcode in the given region.
func address(r *rand.Rand, region int) (string, string) {
	street := streets[r.IntN(len(streets))]
	number := 1 + r.IntN(180)
	postcode := fmt.Sprintf("%02d%03d", postcodePrefix[region], r.IntN(1000))
	return fmt.Sprintf("%d %s", number, street), postcode
}
