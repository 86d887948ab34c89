-- a cancel that arrived before its order (a redelivery, a replay, Knative delivery): remembered, so a
-- late cafe.order.placed for it queues nothing
create table canceled_order (
    order_id     uuid        primary key,
    canceled_at  timestamptz not null
);
