select count(*) as "n", min(m.letter_id) as "oldest", max(m.letter_id) as "newest" from (SELECT rowid AS letter_id FROM letters_fts WHERE letters_fts MATCH ? AND imr_within(?) = 1 ORDER BY rowid DESC LIMIT 6 OFFSET 0) as "m";

select max("id") as "top" from "letters";

select m.letter_id as "id" from (SELECT rowid AS letter_id FROM letters_fts WHERE letters_fts MATCH ? AND imr_within(?) = 1 ORDER BY rowid DESC LIMIT 5 OFFSET 0) as "m";

select "l"."id", "l"."case_number", "l"."date_decision", "t"."clinical_summary" from "letters" as "l" inner join "letter_texts" as "t" on "t"."letter_id" = "l"."id" where "l"."id" in (?, ?, ?, ?, ?);

select "it"."letter_id", "it"."idx", "it"."request", "it"."decision", "it"."category", "it"."treatment_name", 1 as "matches" from "items" as "it" where "it"."letter_id" in (?, ?, ?, ?, ?) order by "it"."letter_id", "it"."idx";

SELECT rowid AS id, snippet(letters_fts, -1, ?, ?, ?, 24) AS snippet FROM letters_fts WHERE letters_fts MATCH ? AND rowid IN (?, ?, ?, ?, ?);
