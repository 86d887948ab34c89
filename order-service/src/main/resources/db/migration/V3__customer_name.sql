-- the name the barista calls out, from the customer's token when the order was placed (null when it named nobody)
alter table customer_order add column customer_name varchar(64);
