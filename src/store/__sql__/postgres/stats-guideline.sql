begin;

SELECT set_config('statement_timeout', $1, true);

select "fc"."value" as "key", sum(fc.items) as "items", sum(case when fc.decision = 'upheld' then fc.items else 0 end) as "upheld" from "facet_counts" as "fc" where "fc"."facet" = $1 group by "fc"."value";

commit;
