-- every event received, once: the source the view is folded from (and the consumer's inbox)
create table status_event (
    event_id     uuid        primary key,
    order_id     uuid        not null,
    event_type   text        not null,
    payload      text        not null,
    received_at  timestamptz not null
);

create index status_event_by_order on status_event (order_id);

-- the read model: one document per order
create table order_status (
    order_id     uuid        primary key,
    customer_id  text,
    document     text        not null,
    placed_at    timestamptz,
    updated_at   timestamptz not null
);

create index order_status_by_customer on order_status (customer_id, placed_at desc);
