create table menu_item (
    id          integer primary key,
    name        text    not null,
    price       bigint  not null check (price > 0),
    currency    char(3) not null
);

insert into menu_item (id, name, price, currency) values
    (1, 'Espresso',    250, 'EUR'),
    (2, 'Cappuccino',  350, 'EUR'),
    (3, 'Latte',       380, 'EUR'),
    (4, 'Flat White',  390, 'EUR'),
    (5, 'Americano',   300, 'EUR'),
    (6, 'Mocha',       420, 'EUR');

create table customer_order (
    id               uuid        primary key,
    customer_id      text        not null,
    menu_id          integer     not null references menu_item (id),
    item             text        not null,
    qty              integer     not null check (qty between 1 and 20),
    amount           bigint      not null,
    currency         char(3)     not null,
    status           text        not null,
    payment_id       uuid,
    idempotency_key  text        unique,
    request_hash     text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create index customer_order_by_customer on customer_order (customer_id, created_at desc);
create index customer_order_pending on customer_order (created_at) where status = 'PAYMENT_PENDING';
