-- the inbox (cafe.messaging.inbox): the id of every event applied, recorded in the transaction that
-- applies it, so a redelivery is recognised and skipped
create table processed_event (
    event_id      uuid        primary key,
    event_type    text        not null,
    processed_at  timestamptz not null
);
