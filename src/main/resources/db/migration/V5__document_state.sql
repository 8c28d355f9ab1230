-- What the readers took from a case's newest form, questionnaire and workbooks, so a resubmission can be
-- validated as the whole case. Sealed (AES-256-GCM, base64) under the gateway's state key; never plaintext.
create table document_state (
    case_reference  varchar(13)       not null references intake_case (reference),
    part            varchar(24)       not null,
    version         integer           not null,
    sealed          varchar(10485760) not null,
    primary key (case_reference, part)
);
