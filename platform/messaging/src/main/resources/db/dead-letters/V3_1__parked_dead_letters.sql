-- its own location (db/dead-letters), as status-service has no outbox or inbox but does replay; versioned
-- above every service's migrations when it was added, so existing databases take it in order
-- dead letters a replay could not apply (unreadable, or refused by the database): set aside with the
-- reason, so the replay goes on past them and an operator sees what needs a fix
create table parked_dead_letter (
    topic         text        not null,
    kafka_partition int       not null,
    kafka_offset  bigint      not null,
    event_id      text,
    event_type    text,
    payload       text,
    reason        text        not null,
    parked_at     timestamptz not null,
    primary key (topic, kafka_partition, kafka_offset)
);
