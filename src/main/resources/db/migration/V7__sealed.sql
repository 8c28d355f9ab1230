-- What senders wrote is sealed at rest (issue 9): addresses, file names, declared types, where files were
-- found, and the wording of findings are stored sealed under the gateway's state key (AES-GCM, bound to
-- their row and column), so the columns grow; addresses are looked up by keyed hashes instead.
alter table intake_case alter column sender set data type varchar(2000);
alter table outbox alter column recipient set data type varchar(2000);
alter table outbox add column recipient_hash char(64);
alter table outbox add column recipient_domain_hash char(64);
drop index outbox_recipient;
create index outbox_recipient_hash on outbox (recipient_hash, created_at);
create index outbox_domain_hash on outbox (recipient_domain_hash, created_at);
alter table submission_file alter column name set data type varchar(2000);
alter table submission_file alter column content_type set data type varchar(2000);
alter table submission_file alter column container set data type varchar(2000);
alter table submission_finding alter column document set data type varchar(2000);
alter table submission_finding alter column location set data type varchar(2000);
alter table submission_finding alter column found set data type varchar(2000);
alter table submission_finding alter column message set data type varchar(4000);
alter table submission_finding alter column fix set data type varchar(4000);
-- the hourly cap counts replies by time
create index outbox_created on outbox (created_at);
