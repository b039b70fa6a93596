package demo

import "strings"

// origin is a group of first names (by generation and sex) and surnames that go together, so that a
// generated name sounds like a real person's in the Haarlem region.
type origin struct {
	weight                   float64
	olderMen, olderWomen     string // space-separated; born before 1980
	youngerMen, youngerWomen string // born 1980 or later
	surnames                 []string
}

var origins = []origin{
	{
		weight:       70,
		olderMen:     "Jan Piet Kees Henk Gerard Johan Wim Ton Hans Ruud Frank Peter Marco Rob Erik Dirk Cor Arie Bert Theo René André Jos Marcel Sjaak Gert-Jan",
		olderWomen:   "Ria Marja Anja Ineke Joke Annemieke Petra Monique Sandra Wilma Carla Mieke Els Yvonne Marian Ingrid Hélène Marie-José Truus Corrie Diana Bianca",
		youngerMen:   "Daan Sem Thijs Jesse Lars Kevin Bas Tim Niels Ruben Stijn Joost Jordy Mitchell Rick Sven Luuk Bram Jeroen Dennis",
		youngerWomen: "Zoë Noëlle Lotte Sanne Fleur Anouk Iris Kim Lisa Eva Femke Demi Esmée Chantal Naomi Manon Romy Britt Maud Inge",
		surnames: []string{
			"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
			"Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "van den Berg", "van Dijk",
			"de Graaf", "van der Meer", "Kok", "de Haan", "Vermeulen", "van der Linden", "Schouten", "Koster", "Prins",
			"Blom", "Huisman", "Kramer", "Post", "Zwart", "Kaandorp", "Keur", "Paap", "Koper", "Molenaar", "Kerkman",
			"Zwemmer", "Ruigrok", "Hogervorst", "Warmerdam", "van Duijn", "'t Hart", "van 't Hof", "Tol", "Schaap", "Bol",
		},
	},
	{
		weight:       8,
		olderMen:     "Mohamed Ahmed Abdelkader Mustafa Hassan Driss Rachid Abdel Saïd",
		olderWomen:   "Fatima Aïcha Khadija Malika Naïma Rachida Zohra",
		youngerMen:   "Ilyas Bilal Mohammed Ayoub Anas Zakaria Soufiane Yassine",
		youngerWomen: "Chaïma Salma Nora Imane Ikram Hafsa Yasmina",
		surnames:     []string{"El Amrani", "El Idrissi", "Bouzid", "Ait Taleb", "Benali", "El Ouali", "Boukhari", "Tahiri", "Ouaziz", "El Khattabi", "Azzouzi"},
	},
	{
		weight:       7,
		olderMen:     "Mehmet Ali Hüseyin Ömer İsmail Mustafa Hasan Osman",
		olderWomen:   "Ayşe Fatma Emine Hatice Gül Zeynep",
		youngerMen:   "Emre Burak Can Yusuf Ömer Kerem Mert",
		youngerWomen: "Elif Büşra Merve Esra Zeynep Dilan",
		surnames:     []string{"Yılmaz", "Çelik", "Şahin", "Öztürk", "Kaya", "Demir", "Aydın", "Arslan", "Doğan", "Koç", "Kılıç", "Güneş"},
	},
	{
		weight:       6,
		olderMen:     "Ronald Errol Humphrey Glenn Orlando Ramesh Roy",
		olderWomen:   "Rosita Sharda Marlene Jacqueline Gerda Ingrid",
		youngerMen:   "Jayden Quincy Dylan Rajesh Shaquille Giovanni",
		youngerWomen: "Shanice Kimberley Priya Jamila Naomi Chantal",
		surnames:     []string{"Pinas", "Sedney", "Biharie", "Ramdin", "Tjon A Fong", "Martina", "Ramsaran", "Kross", "Pengel", "Sabajo", "Doekhie", "Isenia"},
	},
	{
		weight:       5,
		olderMen:     "Jürgen Klaus Krzysztof Piotr José Antonio Stefan Dieter",
		olderWomen:   "Ursula Małgorzata Agnieszka Inês Sabine Maria Renate",
		youngerMen:   "Jakub Kacper Lukas Mateo Nikola Tomasz",
		youngerWomen: "Zuzanna Julia Léa Anaïs Mia Ana",
		surnames:     []string{"Brüggemann", "Müller", "Schröder", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Fernandes", "da Silva", "Rossi", "Jovanović", "Horváth"},
	},
	{
		weight:       4,
		olderMen:     "Eddy Rudy Hoang Wei Frans",
		olderWomen:   "Ellen Lan Mei Sylvia Lien",
		youngerMen:   "Minh Jason Ricardo Kevin",
		youngerWomen: "Linh Sharon Mei-Ling Joëlle",
		surnames:     []string{"Nguyen", "Tran", "Chen", "Tanasale", "Latuhihin", "Pattipeilohy", "Wong", "Liem", "Kartosen"},
	},
}

// name returns a full name for someone born in birthYear. Now and then the surname comes from another
// origin than the first name, as it does in real families.
func (g *generator) name(birthYear int, female bool) string {
	o := &origins[drawIndex(g.rng, len(origins), func(i int) float64 { return origins[i].weight })]
	first := o.youngerMen
	switch {
	case birthYear < 1980 && female:
		first = o.olderWomen
	case birthYear < 1980:
		first = o.olderMen
	case female:
		first = o.youngerWomen
	}
	firsts := strings.Fields(first)
	surnames := o.surnames
	if chance(g.rng, 0.08) {
		surnames = origins[0].surnames
	}
	return firsts[g.rng.IntN(len(firsts))] + " " + surnames[g.rng.IntN(len(surnames))]
}
