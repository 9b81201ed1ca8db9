begin;

SELECT set_config('statement_timeout', $1, true);

select count(*) as "n", min(m.letter_id) as "oldest", max(m.letter_id) as "newest" from (SELECT lsearch.letter_id AS letter_id FROM letter_search lsearch WHERE lsearch.document @@ phraseto_tsquery('openimr'::regconfig, regexp_replace(translate($1::text, $2, $3), $4, $5, 'g')) ORDER BY lsearch.letter_id DESC LIMIT 6 OFFSET 0) as "m";

select max("id") as "top" from "letters";

select m.letter_id as "id" from (SELECT lsearch.letter_id AS letter_id FROM letter_search lsearch WHERE lsearch.document @@ phraseto_tsquery('openimr'::regconfig, regexp_replace(translate($1::text, $2, $3), $4, $5, 'g')) ORDER BY lsearch.letter_id DESC LIMIT 5 OFFSET 0) as "m";

select "l"."id", "l"."case_number", "l"."date_decision", "t"."clinical_summary" from "letters" as "l" inner join "letter_texts" as "t" on "t"."letter_id" = "l"."id" where "l"."id" in ($1, $2, $3, $4, $5);

select "it"."letter_id", "it"."idx", "it"."request", "it"."decision", "it"."category", "it"."treatment_name", 1 as "matches" from "items" as "it" where "it"."letter_id" in ($1, $2, $3, $4, $5) order by "it"."letter_id", "it"."idx";

WITH d AS MATERIALIZED ( SELECT v.id, btrim(concat_ws(E'\n', v.requests, v.summary, v.rationales, v.treatments, nullif(v.case_number, '')), E' \t\r\n') AS doc FROM letter_search_text v WHERE v.id = ANY($1::integer[]) ), f AS MATERIALIZED ( SELECT d.id, d.doc, regexp_replace(translate(d.doc, $2, $3), $4, $5, 'g') AS flat FROM d ), whole AS MATERIALIZED ( SELECT f.id, f.doc, f.flat, ts_headline('openimr'::regconfig, f.flat, q.q, $6) AS headline FROM f CROSS JOIN (SELECT phraseto_tsquery('openimr'::regconfig, regexp_replace(translate($7::text, $8, $9), $10, $11, 'g')) AS q) q ), h AS MATERIALIZED ( SELECT w.id, w.doc, w.flat, CASE WHEN strpos(w.headline, $12) > 0 THEN w.headline ELSE ts_headline('openimr'::regconfig, w.flat, q.q, $13) END AS headline FROM whole w CROSS JOIN (SELECT phraseto_tsquery('openimr'::regconfig, regexp_replace(translate($14::text, $15, $16), $17, $18, 'g')) AS q) q ), p AS MATERIALIZED ( SELECT h.*, strpos(h.flat, x.plain) AS at, length(x.plain) AS len FROM h CROSS JOIN LATERAL (SELECT replace(replace(h.headline, $19, ''), $20, '') AS plain) x ) SELECT p.id, p.headline, p.at, p.at > 0 AND p.at + p.len - 1 = length(p.doc) AS at_end, CASE WHEN p.at > 0 THEN substr(p.doc, p.at, p.len) END AS original FROM p;

commit;
