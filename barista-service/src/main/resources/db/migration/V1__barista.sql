create table ticket (
    id           uuid        primary key,
    order_id     uuid        not null unique,
    customer_id  text        not null,
    item         text        not null,
    qty          integer     not null,
    status       text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create index ticket_by_status on ticket (status, created_at);
