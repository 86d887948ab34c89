-- the W3C traceparent of the transaction that wrote the event: the relay publishes the event as
-- part of that trace, so one trace follows an order across the outbox and Kafka
alter table outbox_event add column trace_parent text;
