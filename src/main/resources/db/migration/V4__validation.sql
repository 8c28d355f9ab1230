-- Validation findings carry their own wording (field labels, sheets and cells come from the schemas and
-- workbooks, so the text cannot be rebuilt from the code alone). Applicants' answers are never stored:
-- `found` stays empty for findings about answers.
alter table submission_finding add column message varchar(1000) default '' not null;
alter table submission_finding add column fix varchar(1000) default '' not null;
alter table submission_finding alter column location set data type varchar(400);
