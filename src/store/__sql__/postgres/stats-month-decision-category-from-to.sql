begin;

SELECT set_config('statement_timeout', $1, true);

select "fc"."month" as "key", sum(fc.items) as "items", sum(case when fc.decision = 'upheld' then fc.items else 0 end) as "upheld" from "facet_counts" as "fc" where "fc"."facet" = $1 and "fc"."category" = $2 and "fc"."decision" = $3 and "fc"."month" >= $4 and "fc"."month" <= $5 and "fc"."month" <> $6 group by "fc"."month";

select substr(l.date_decision, 1, 7) as "key", count(*) as "items", sum(case when i.decision = 'upheld' then 1 else 0 end) as "upheld" from "items" as "i" inner join "letters" as "l" on "l"."id" = "i"."letter_id" where "i"."decision" = $1 and "i"."category" = $2 and "i"."letter_id" in (select "l"."id" from "letters" as "l" where "l"."date_decision" >= $3 and "l"."date_decision" <= $4) group by substr(l.date_decision, 1, 7);

commit;
