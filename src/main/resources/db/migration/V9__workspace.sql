-- The team's workspace (issue 11, docs/adr/0017): where a case stands in the team's review, who handles it and
-- its panel date. The gateway's own status (OPEN, QUARANTINED) stays beside it, untouched by the team's work.
alter table intake_case add column review_status varchar(16) default 'NEW' not null;
alter table intake_case add column assigned_to varchar(200);
alter table intake_case add column panel_date date;
create index intake_case_review on intake_case (review_status, status, outcome, created_at);

-- What the team writes to an applicant ("ask for more"), sealed; other replies are rendered from the case index.
alter table outbox add column body varchar(20000);

-- The team's notes and actions are case events; notes are sealed like everything else people wrote.
alter table case_event alter column reason set data type varchar(12000);

-- Every case page view, file download and action: append-only, each row carrying the hash of the one before.
-- audit_head holds the newest link, and its row lock puts every writer, in any instance, in one order.
create table audit_event (
    id             bigint        primary key,
    at             timestamp with time zone not null,
    actor          varchar(200)  not null,
    action         varchar(40)   not null,
    case_reference varchar(13),
    detail         varchar(1000) not null,
    remote         varchar(64)   not null,
    prev_hash      char(64)      not null,
    hash           char(64)      not null
);
create index audit_event_case on audit_event (case_reference, id);

create table audit_head (
    id        integer  primary key,
    last_id   bigint   not null,
    last_hash char(64) not null
);
insert into audit_head (id, last_id, last_hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
