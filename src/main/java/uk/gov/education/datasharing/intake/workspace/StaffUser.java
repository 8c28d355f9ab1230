package uk.gov.education.datasharing.intake.workspace;

import java.util.Set;

/** A signed-in member of staff: the name the audit trail records and their workspace roles. */
public record StaffUser(String username, String displayName, Set<Role> roles) {

    /** {@code team}: cases and files. {@code ops}: queues, counts and operations, no applicant details. */
    public enum Role { TEAM, OPS }

    public StaffUser {
        roles = Set.copyOf(roles);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }
}
