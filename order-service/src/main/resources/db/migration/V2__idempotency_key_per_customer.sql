-- an Idempotency-Key names a request of one customer: two customers may choose the same key
alter table customer_order drop constraint customer_order_idempotency_key_key;
alter table customer_order add constraint customer_order_idempotency_key unique (customer_id, idempotency_key);
