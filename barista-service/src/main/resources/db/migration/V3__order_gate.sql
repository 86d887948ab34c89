-- one row per order the barista has heard of since this migration, placed or cancelled: both the queueing of
-- a ticket and a cancel write it (insert ... on conflict do update), so whichever comes second waits for the
-- first to commit and then sees what it did. canceled_at is the tombstone of a cancel: an order placed after
-- its cancel is never queued. Replaces canceled_order (its rows are tombstones) and the advisory lock.
create table order_gate (
    order_id     uuid        primary key,
    canceled_at  timestamptz
);

insert into order_gate (order_id, canceled_at) select order_id, canceled_at from canceled_order;

drop table canceled_order;
