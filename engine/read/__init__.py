"""`lexgap read`: from a State party report, a law or an NGO report to a draft questionnaire with evidence.

The contract is trust: the reader finds evidence, a person decides the answer. It never writes a value
other than `unknown`, never sets `verified`; numbers it reads go to `suggested`, which nothing scores.
The stages, each a module: `document` (the text of each page), `passages` (paragraphs with their address),
`meta` (symbol and date from page one), `bm25` (stemmed lexical ranking), `terms` (the search-term gate that
decides silence), `numbers` (ages read from a passage), `find` (evidence per question), `draft` (the
questionnaire), `sheet` (the reading sheet). See docs/reader.md.
"""
