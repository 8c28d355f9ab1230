package uk.gov.education.datasharing.intake;

/** The workspace's HTTP tests on PostgreSQL: queues, filters, paging, the audit chain's head lock. */
class WorkspacePostgresIT extends WorkspaceIT {

    @Override
    protected boolean postgres() {
        return true;
    }
}
