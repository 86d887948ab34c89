-- the name the barista calls out (from the order; null when the customer's token named nobody)
alter table ticket add column customer_name varchar(64);

-- every committed change of a ticket, as the board shows it, to the LISTENers of every replica (TicketBoard);
-- the payload is TicketResponse's JSON, times in UTC, so the board needs no read to show it
create function notify_ticket_change() returns trigger language plpgsql as $$
begin
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
