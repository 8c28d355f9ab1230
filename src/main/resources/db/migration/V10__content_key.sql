-- docs/adr/0025: a message's content key (what its sender wrote and sent, however a server encoded it), so that a
-- delivery whose MIME a server wrote anew is found to be one already recorded.
alter table inbound_message add column content_key char(64);
create index inbound_message_content_key on inbound_message (content_key);
