-- the transactional outbox (cafe.messaging.outbox): an event is written in the transaction that changes
-- the state it reports, and the relay publishes it to Kafka afterwards
create table outbox_event (
    id            bigint generated always as identity primary key,
    event_id      uuid        not null unique,
    event_type    text        not null,
    topic         text        not null,
    aggregate_id  text        not null,
    source        text        not null,
    payload       text        not null,
    created_at    timestamptz not null,
    published_at  timestamptz,
    -- the W3C traceparent of the writing transaction: the relay publishes the event as part of that trace
    trace_parent  text
);

create index outbox_event_pending on outbox_event (id) where published_at is null;
