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

create table outbox_event (
    id            bigint generated always as identity primary key,
    event_id      uuid        not null unique,
    event_type    text        not null,
    topic         text        not null,
    aggregate_id  text        not null,
    source        text        not null,
    payload       text        not null,
    created_at    timestamptz not null,
    published_at  timestamptz
);

create index outbox_event_pending on outbox_event (id) where published_at is null;

create table processed_event (
    event_id      uuid        primary key,
    event_type    text        not null,
    processed_at  timestamptz not null
);
