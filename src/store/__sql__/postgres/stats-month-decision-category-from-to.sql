begin;

SELECT set_config('statement_timeout', $1, true);

select "fc"."month" as "key", sum(fc.items) as "items", sum(case when fc.decision = 'upheld' then fc.items else 0 end) as "upheld" from "facet_counts" as "fc" where "fc"."facet" = $1 and "fc"."category" = $2 and "fc"."decision" = $3 and "fc"."month" >= $4 and "fc"."month" <= $5 and "fc"."month" <> $6 group by "fc"."month";

select substr(fc.day, 1, 7) as "key", sum(fc.items) as "items", sum(case when fc.decision = 'upheld' then fc.items else 0 end) as "upheld" from "facet_day_counts" as "fc" where "fc"."facet" = $1 and "fc"."day" >= $2 and "fc"."day" <= $3 and "fc"."category" = $4 and "fc"."decision" = $5 group by substr(fc.day, 1, 7);

commit;
