-- A rebuild fills these shadow tables while readers and the live consumer keep using the live ones,
-- then swaps them in one transaction (ViewRebuilder). The swap moves whole tables between schemas:
-- public.X to retired, rebuild.X to public, retired.X to rebuild. So the shadow tables have the live
-- ones' shape and the same index names, which every table keeps wherever it moves, and retired is
-- empty but for that moment. A later migration that changes a view table changes its shadow the same way.
create schema rebuild;
create schema retired;

create table rebuild.status_event (
    event_id     uuid        primary key,
    order_id     uuid        not null,
    event_type   text        not null,
    payload      text        not null,
    received_at  timestamptz not null
);

create index status_event_by_order on rebuild.status_event (order_id);

create table rebuild.order_status (
    order_id     uuid        primary key,
    customer_id  text,
    document     text        not null,
    placed_at    timestamptz,
    updated_at   timestamptz not null
);

create index order_status_by_customer on rebuild.order_status (customer_id, placed_at desc);
