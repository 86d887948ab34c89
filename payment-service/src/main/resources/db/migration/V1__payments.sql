create table payment (
    id           uuid        primary key,
    order_id     uuid        not null unique,
    amount       bigint      not null check (amount > 0),
    currency     char(3)     not null,
    status       text        not null,
    created_at   timestamptz not null,
    refunded_at  timestamptz
);
