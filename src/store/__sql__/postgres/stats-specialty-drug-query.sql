begin;

SELECT set_config('statement_timeout', $1, true);

select "s"."specialty" as "key", count(*) as "items", sum(case when i.decision = 'upheld' then 1 else 0 end) as "upheld" from "items" as "i" inner join "letter_specialties" as "s" on "s"."letter_id" = "i"."letter_id" where "i"."id" in (select "d"."item_id" from "item_drugs" as "d" where "d"."generic" = $1) and "i"."letter_id" in (select "l"."id" from "letters" as "l" where "l"."id" in (SELECT lsearch.letter_id FROM letter_search lsearch WHERE lsearch.document @@ phraseto_tsquery('openimr'::regconfig, regexp_replace(translate($2::text, $3, $4), $5, $6, 'g')))) and ("s"."kind" = $7 or NOT EXISTS (select 1 as "x" from "letter_specialties" as "s2" where "s2"."letter_id" = "s"."letter_id" and "s2"."kind" = $8 and "s2"."specialty" = "s"."specialty")) group by "s"."specialty";

commit;
