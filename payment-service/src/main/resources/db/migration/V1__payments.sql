create table payment (
    id           uuid        primary key,
    order_id     uuid        not null unique,
    amount       bigint      not null check (amount > 0),
    currency     char(3)     not null,
    status       text        not null,
    created_at   timestamptz not null,
    refunded_at  timestamptz
);

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
