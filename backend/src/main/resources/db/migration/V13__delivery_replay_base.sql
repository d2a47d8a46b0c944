-- A replay keeps counting attempts (so a late answer to an earlier attempt can never pass for the new
-- one) and gives the message a fresh retry budget from here.
ALTER TABLE notification_delivery ADD COLUMN attempts_before_replay INT NOT NULL DEFAULT 0;
