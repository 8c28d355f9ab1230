-- docs/adr/0016: inbound_message.sha256 is now the message's identity (its hash without what delivering servers
-- add); the SHA-256 of the raw bytes of the delivery that was processed is kept beside it, to join its submission.
alter table inbound_message add column message_sha256 char(64);
