begin;

SELECT set_config('statement_timeout', $1, true);

select count(*) as "n" from ((select "l"."id" from "letters" as "l" where "l"."id" in (select "i"."letter_id" from "items" as "i" where "i"."drug_class" = $1 and "i"."id" in (select "c"."item_id" from "citations" as "c" where "c"."document" in (select "f"."value" from "facets" as "f" where "f"."kind" = $2 and lower("f"."value") LIKE $3 ESCAPE '\') union select "c"."item_id" from "citations" as "c" where "c"."source" in (select "f"."value" from "facets" as "f" where "f"."kind" = $4 and lower("f"."value") LIKE $5 ESCAPE '\'))) and "l"."id" in (select "s"."letter_id" from "letter_specialties" as "s" where "s"."specialty" in (select "f"."value" from "facets" as "f" where "f"."kind" = $6 and lower("f"."value") LIKE $7 ESCAPE '\')) limit $8)) as "c";

select "l"."id", "l"."date_decision" from "letters" as "l" where "l"."id" in (select "i"."letter_id" from "items" as "i" where "i"."drug_class" = $1 and "i"."id" in (select "c"."item_id" from "citations" as "c" where "c"."document" in (select "f"."value" from "facets" as "f" where "f"."kind" = $2 and lower("f"."value") LIKE $3 ESCAPE '\') union select "c"."item_id" from "citations" as "c" where "c"."source" in (select "f"."value" from "facets" as "f" where "f"."kind" = $4 and lower("f"."value") LIKE $5 ESCAPE '\'))) and "l"."id" in (select "s"."letter_id" from "letter_specialties" as "s" where "s"."specialty" in (select "f"."value" from "facets" as "f" where "f"."kind" = $6 and lower("f"."value") LIKE $7 ESCAPE '\')) order by "l"."date_decision" desc nulls last, "l"."id" desc limit $8 offset $9;

commit;
