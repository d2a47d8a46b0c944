-- A booking may be chained to another (a certificate ceremony to its marriage registration): it ends
-- when the one it is chained to ends.
CREATE INDEX booking_chained_to ON booking (((details ->> 'chainedTo')::bigint));
