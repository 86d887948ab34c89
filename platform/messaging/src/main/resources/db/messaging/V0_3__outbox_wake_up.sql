-- a transaction that writes outbox rows wakes the publishing relay when it commits (NOTIFY is delivered on
-- commit, and to whichever replica leads), so events leave without waiting for a poll
create function outbox_event_written() returns trigger language plpgsql as $$
begin
    perform pg_notify('cafe_outbox', '');
    return null;
end
$$;

create trigger outbox_event_wake_relay after insert on outbox_event
    for each statement execute function outbox_event_written();
