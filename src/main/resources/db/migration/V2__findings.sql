-- Problems found in a submission's files (limits reached, unreadable containers). Codes and places only;
-- the texts shown to applicants are the gateway's own, rendered from the code.
create table submission_finding (
    submission_id  bigint       not null references submission (id),
    ordinal        integer      not null,
    code           varchar(64)  not null,
    severity       varchar(8)   not null,
    document       varchar(255) not null,
    location       varchar(255) not null,
    found          varchar(255) not null,
    primary key (submission_id, ordinal)
);
