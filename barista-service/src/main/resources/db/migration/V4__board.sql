-- the name the barista calls out (from the order; null when the customer's token named nobody)
alter table ticket add column customer_name varchar(64);

-- the replicas that have a board open, each until its lease runs out (TicketBoard renews it while one is open)
create table board_watch (
    replica  text        primary key,
    until    timestamptz not null
);

-- every committed change of a ticket, as the board shows it, to the LISTENers of every replica (TicketBoard),
-- while a board is open somewhere: a transaction that notifies takes a lock at commit that every other such
-- commit of the cluster waits for, which a queue nobody watches must not pay for. The payload is
-- TicketResponse's JSON, times in UTC, so the board needs no read to show it.
create function notify_ticket_change() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from board_watch where until > now()) then
        return null;
    end if;
    perform pg_notify('ticket_changes', json_build_object(
        'id', new.id,
        'orderId', new.order_id,
        'customerName', new.customer_name,
        'item', new.item,
        'qty', new.qty,
        'status', new.status,
        'createdAt', to_char(new.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'updatedAt', to_char(new.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text);
    return null;
end
$$;

create trigger ticket_changed after insert or update on ticket
    for each row execute function notify_ticket_change();
