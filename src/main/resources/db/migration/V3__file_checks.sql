-- What inspecting each file concluded (issue 3): where it was found, its type from content, what it was
-- recognised as and how, the scanner's verdict and the gateway's. Names and labels only; no content.
alter table submission_file add column container varchar(255) default '' not null;
alter table submission_file add column detected_type varchar(255) default '' not null;
alter table submission_file add column kind varchar(40) default 'OTHER' not null;
alter table submission_file add column recognised_by varchar(64) default '' not null;
alter table submission_file add column scan varchar(16) default 'NOT_SCANNED' not null;
alter table submission_file add column verdict varchar(16) default 'UNCHECKED' not null;
