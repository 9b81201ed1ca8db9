begin;

SELECT set_config('statement_timeout', $1, true);

select count(*) as "n", min(m.letter_id) as "oldest", max(m.letter_id) as "newest" from (SELECT lsearch.letter_id AS letter_id FROM letter_search lsearch WHERE lsearch.document @@ phraseto_tsquery('openimr'::regconfig, regexp_replace(translate($1::text, $2, $3), $4, $5, 'g')) AND EXISTS (select 1 as "x" from "items" as "i" where "i"."decision" = $6 and "i"."category" = $7 and "i"."letter_id" = lsearch.letter_id) AND EXISTS (select 1 as "x" from "letters" as "l" where "l"."id" = lsearch.letter_id and "l"."date_decision" >= $8 and "l"."date_decision" <= $9) ORDER BY lsearch.letter_id DESC LIMIT 6 OFFSET 0) as "m";

commit;
